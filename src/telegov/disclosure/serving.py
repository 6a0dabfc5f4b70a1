"""gunicorn's access log, less the hits on published status files: during a spike those are most of the
traffic, and formatting a log line costs more than serving the file. Whoever needs them logs them at
the CDN or web server in front. Every other request is logged as before."""

from gunicorn.glogging import Logger

from telegov.disclosure.public import SERVED


class AccessLogWithoutStatusFiles(Logger):
    def access(self, resp, req, environ, request_time):
        if environ.get(SERVED):
            return
        super().access(resp, req, environ, request_time)
