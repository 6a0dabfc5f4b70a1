"""One set of tenancy and permission checks that every API endpoint gets."""

import json

from telegov.core.models import AuditLog


class TenantScopedEndpointTests:
    """Subclasses name the endpoint and how to build its objects and payloads.

    Alice administers organisation A, Bob organisation B, Vera is a viewer of A.
    """

    list_url: str
    detail_url: str | None = None  # with {pk}
    parent_field: str | None = None  # the create payload's key that names the owner
    writable = True

    def own_object(self, t):
        raise NotImplementedError

    def foreign_object(self, t):
        raise NotImplementedError

    def create_payload(self, t, foreign: bool) -> dict:
        raise NotImplementedError

    def update_payload(self, t) -> dict:
        raise NotImplementedError

    def replace_payload(self, t) -> dict:
        payload = self.create_payload(t, foreign=False)
        payload.pop(self.parent_field, None)
        return payload

    def url_for(self, obj):
        return self.detail_url.format(pk=obj.pk)

    def send(self, client, method, url, payload=None):
        body = json.dumps(payload) if payload is not None else None
        return getattr(client, method)(url, data=body, content_type="application/json")

    def test_anonymous_is_refused(self, tenants):
        assert tenants["anonymous"].get(self.list_url).status_code == 401

    def test_owner_reads(self, tenants):
        response = tenants["alice"].get(self.url_for(self.own_object(tenants)) if self.detail_url else self.list_url)
        assert response.status_code == 200, response.content

    def test_foreign_object_is_404(self, tenants):
        if not self.detail_url:
            return
        response = tenants["alice"].get(self.url_for(self.foreign_object(tenants)))
        assert response.status_code == 404

    def test_foreign_objects_are_not_listed(self, tenants):
        text = tenants["alice"].get(self.list_url).content.decode()
        assert "B回線" not in text and "B光" not in text and "b-tsushin" not in text

    def test_foreign_object_cannot_be_changed_or_deleted(self, tenants):
        if not (self.writable and self.detail_url):
            return
        foreign = self.foreign_object(tenants)
        url = self.url_for(foreign)
        before = type(foreign).objects.get(pk=foreign.pk)
        assert self.send(tenants["alice"], "put", url, self.replace_payload(tenants)).status_code == 404
        assert self.send(tenants["alice"], "patch", url, self.update_payload(tenants)).status_code == 404
        assert self.send(tenants["alice"], "delete", url).status_code == 404
        after = type(foreign).objects.get(pk=foreign.pk)
        assert after.name == before.name

    def test_cannot_create_in_a_foreign_organisation(self, tenants):
        if not self.writable:
            return
        count = AuditLog.objects.count()
        response = self.send(tenants["alice"], "post", self.list_url, self.create_payload(tenants, foreign=True))
        assert response.status_code == 404
        assert AuditLog.objects.count() == count

    def test_viewer_cannot_write(self, tenants):
        if not self.writable:
            return
        own = self.own_object(tenants)
        viewer = tenants["vera"]
        assert self.send(viewer, "post", self.list_url, self.create_payload(tenants, foreign=False)).status_code == 403
        assert self.send(viewer, "put", self.url_for(own), self.replace_payload(tenants)).status_code == 403
        assert self.send(viewer, "patch", self.url_for(own), self.update_payload(tenants)).status_code == 403
        assert self.send(viewer, "delete", self.url_for(own)).status_code == 403
        assert type(own).objects.filter(pk=own.pk).exists()

    def test_owner_writes_with_an_audit_row(self, tenants):
        if not self.writable:
            return
        alice = tenants["alice"]
        created = self.send(alice, "post", self.list_url, self.create_payload(tenants, foreign=False))
        assert created.status_code == 201, created.content
        pk = created.json()["id"]
        url = self.detail_url.format(pk=pk)
        assert self.send(alice, "patch", url, self.update_payload(tenants)).status_code == 200
        assert self.send(alice, "delete", url).status_code == 204
        actions = list(AuditLog.objects.filter(object_id=str(pk)).order_by("id").values_list("action", flat=True))
        assert actions[-3:] == ["create", "update", "delete"]
