import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Q

from claims.matches import claims_checked_before, claims_seen_before
from claims.models import Claim
from claims.selectors import claim_search
from factcheck.api.filters import UtcIsoDateTimeFilter

# `true` or `false`, nothing else: django-filter's BooleanFilter reads any other value as "no filter".
BOOLEAN = [("true", "true"), ("false", "false")]


class ClaimFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Claim.Status.choices)
    article = django_filters.NumberFilter(field_name="article_id")
    assignee = django_filters.CharFilter(method="filter_assignee", help_text="A username, or `me`.")
    checkworthiness_min = django_filters.NumberFilter(field_name="checkworthiness", lookup_expr="gte")
    claim_type = django_filters.ChoiceFilter(choices=Claim.ClaimType.choices)
    rating = django_filters.CharFilter(field_name="published_rating", help_text="Slug of the published rating.")
    updated_after = UtcIsoDateTimeFilter(field_name="updated_at", lookup_expr="gt")
    q = django_filters.CharFilter(method="filter_q", help_text="Full-text search in the claim's wording.")
    seen_before = django_filters.ChoiceFilter(
        choices=BOOLEAN,
        method="filter_seen_before",
        help_text="true: claims the matcher found made before (a match suggested or confirmed); false: the others.",
    )
    checked_before = django_filters.ChoiceFilter(
        choices=BOOLEAN,
        method="filter_checked_before",
        help_text="true: claims matching a published fact-check (suggested or confirmed) or reusing one; "
        "false: the others.",
    )

    class Meta:
        model = Claim
        fields = [
            "status",
            "article",
            "assignee",
            "checkworthiness_min",
            "claim_type",
            "rating",
            "updated_after",
            "q",
            "seen_before",
            "checked_before",
        ]

    def filter_assignee(self, queryset, name, value):
        if value == "me":
            user = self.request.user if self.request else None
            return queryset.filter(assignee_id=getattr(user, "pk", None))
        User = get_user_model()
        return queryset.filter(Q(**{f"assignee__{User.USERNAME_FIELD}": value}))

    def filter_q(self, queryset, name, value):
        return claim_search(queryset, value)

    def filter_seen_before(self, queryset, name, value):
        return claims_seen_before(queryset, before=value == "true")

    def filter_checked_before(self, queryset, name, value):
        return claims_checked_before(queryset, before=value == "true")
