import datetime

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django_filters.rest_framework import DjangoFilterBackend

from claims.models import Article, Claim
from claims.selectors import claim_search


class UtcIsoDateTimeField(django_filters.fields.IsoDateTimeField):
    """An ISO 8601 timestamp, converted to UTC (the database refuses offsets beyond its own range)."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return value
        try:
            return value.astimezone(datetime.UTC)
        except (OverflowError, ValueError):
            raise forms.ValidationError("The timestamp is out of range.", code="invalid") from None


class UtcIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcIsoDateTimeField


class FilterSet(django_filters.FilterSet):
    """django-filter's FilterSet, working only with the filters the query string asks for.

    django-filter deep-copies every filter, builds a new Form class from all their fields (a
    `type()` call and Django's form metaclass), copies and cleans every field, on every request:
    a third of a filtered API page. A filter whose parameter is absent filters nothing, so a bound
    filterset here keeps only the asked ones, and the form class for each such set is built once
    (our filters' fields depend on nothing in the request). Unbound (the browsable API's form), it
    has them all.
    """

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            # An instance attribute: BaseFilterSet.__init__ copies self.base_filters.
            self.base_filters = {name: f for name, f in self.base_filters.items() if _asked(name, f, data)}
        super().__init__(data, *args, **kwargs)

    def get_form_class(self):
        form_classes = type(self).__dict__.get("_form_classes")
        if form_classes is None:
            form_classes = type(self)._form_classes = {}
        names = tuple(self.filters)
        form_class = form_classes.get(names)
        if form_class is None:
            form_class = form_classes[names] = super().get_form_class()
        return form_class


def _asked(name: str, filter_, data) -> bool:
    # startswith: a range filter reads `<name>_min` / `<name>_max` / `<name>_after` style parameters.
    return bool(filter_.extra.get("required")) or any(key.startswith(name) for key in data)


class ArticleFilter(FilterSet):
    segmentation_status = django_filters.ChoiceFilter(choices=Article.SegmentationStatus.choices)
    updated_after = UtcIsoDateTimeFilter(field_name="updated_at", lookup_expr="gt")

    class Meta:
        model = Article
        fields = ["segmentation_status", "updated_after"]


class ClaimFilter(FilterSet):
    status = django_filters.ChoiceFilter(choices=Claim.Status.choices)
    article = django_filters.NumberFilter(field_name="article_id")
    assignee = django_filters.CharFilter(method="filter_assignee", help_text="A username, or `me`.")
    checkworthiness_min = django_filters.NumberFilter(field_name="checkworthiness", lookup_expr="gte")
    claim_type = django_filters.ChoiceFilter(choices=Claim.ClaimType.choices)
    rating = django_filters.CharFilter(field_name="published_rating", help_text="Slug of the published rating.")
    updated_after = UtcIsoDateTimeFilter(field_name="updated_at", lookup_expr="gt")
    q = django_filters.CharFilter(method="filter_q", help_text="Full-text search in the claim's wording.")

    class Meta:
        model = Claim
        fields = ["status", "article", "assignee", "checkworthiness_min", "claim_type", "rating", "updated_after", "q"]

    # Filters that PostgreSQL plans alike whatever their value: equality on the leading column of an
    # index (or on a unique username). The others must be planned for their value: a generic plan
    # walks an ordering index and filters, which reads the whole table for a rare word, a recent
    # timestamp, a high minimum or a rare rating or type.
    plan_stable = frozenset({"status", "article", "assignee"})

    def filter_assignee(self, queryset, name, value):
        if value == "me":
            user = self.request.user if self.request else None
            return queryset.filter(assignee_id=getattr(user, "pk", None))
        User = get_user_model()
        return queryset.filter(Q(**{f"assignee__{User.USERNAME_FIELD}": value}))

    def filter_q(self, queryset, name, value):
        return claim_search(queryset, value)


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, minus building and validating a filter form when no filter is asked for.

    With none of the filterset's parameters in the query string every filter is skipped anyway, so
    the queryset comes back as it went in; a plain first page then costs no form.
    """

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None and not _asks_for_filter(request, filterset_class):
            return queryset
        return super().filter_queryset(request, queryset, view)


def _asks_for_filter(request, filterset_class) -> bool:
    return any(_asked(name, f, request.query_params) for name, f in filterset_class.base_filters.items())
