"""FilterBackend: django-filter's backend, left out when the query string asks for none of the filters."""

import django_filters
import pytest
from django.contrib.auth import get_user_model
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from factcheck.api.filters import FilterBackend

User = get_user_model()

pytestmark = pytest.mark.django_db


class UserFilter(django_filters.FilterSet):
    username = django_filters.CharFilter()
    joined = django_filters.DateFromToRangeFilter(field_name="date_joined")

    class Meta:
        model = User
        fields = ["username", "joined"]


class RequiredUserFilter(UserFilter):
    username = django_filters.CharFilter(required=True)


def _filter(params, filterset_class=UserFilter):
    view = type("View", (), {"filterset_class": filterset_class})()
    request = Request(APIRequestFactory().get("/", params))
    queryset = User.objects.all()
    return queryset, FilterBackend().filter_queryset(request, queryset, view)


def test_no_filter_asked_leaves_the_queryset_as_it_came():
    queryset, filtered = _filter({"cursor": "abc", "page_size": "5", "ordering": "-id"})
    assert filtered is queryset


def test_an_asked_filter_filters():
    User.objects.create(username="rita")
    User.objects.create(username="sam")

    _, filtered = _filter({"username": "rita"})

    assert [user.username for user in filtered] == ["rita"]


def test_a_range_widgets_suffixed_parameter_counts_as_asked():
    User.objects.create(username="rita")

    _, filtered = _filter({"joined_after": "2999-01-01"})

    assert list(filtered) == []


def test_an_invalid_value_is_still_refused():
    with pytest.raises(ValidationError):
        _filter({"joined_after": "not a date"})


def test_a_required_filter_is_checked_even_when_absent():
    with pytest.raises(ValidationError):
        _filter({}, RequiredUserFilter)
