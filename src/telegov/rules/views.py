from django.http import HttpResponse


def rule_list(request):
    return HttpResponse("rules")
