from django.core.paginator import Paginator

PER_PAGE = 25


def paginate(request, object_list, per_page=PER_PAGE, *, count=None):
    """The requested page of `object_list` (a bad or too-large page number gives
    the nearest real page, never an error). `count`, when the caller already
    knows how many there are, saves counting them again."""
    paginator = Paginator(object_list, per_page)
    if count is not None:
        paginator.count = count  # a cached_property: this is its cached value
    return paginator.get_page(request.GET.get("page"))
