from django.core.paginator import Paginator

PER_PAGE = 25


def paginate(request, object_list, per_page=PER_PAGE):
    """The requested page of `object_list` (a bad or too-large page number gives
    the nearest real page, never an error)."""
    return Paginator(object_list, per_page).get_page(request.GET.get("page"))
