import django_filters

from claims.models import Article
from factcheck.api.filters import UtcIsoDateTimeFilter


class ArticleFilter(django_filters.FilterSet):
    segmentation_status = django_filters.ChoiceFilter(choices=Article.SegmentationStatus.choices)
    updated_after = UtcIsoDateTimeFilter(field_name="updated_at", lookup_expr="gt")

    class Meta:
        model = Article
        fields = ["segmentation_status", "updated_after"]
