"""Articles over the API: integrators push and poll them; the desk re-segments."""

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from claims import selectors
from claims.ingest import ArticleInput, article_ingest
from claims.ingest_url import article_refetch, article_submit_url
from claims.pipeline import article_resegment
from factcheck.api.pagination import StableCursorPagination
from factcheck.api.permissions import HasAnyRole, IsDesk
from factcheck.api.query import StrictFilterBackend
from factcheck.api.schema import ERRORS
from factcheck.api.serializers import EmptyBodySerializer

from .filters import ArticleFilter
from .schema import ARTICLE_OUT
from .serializers import ArticleCreateSerializer, ArticleSerializer

ARTICLE_EXAMPLE = OpenApiExample(
    "A news article",
    value={
        "title": "Minister says unemployment fell by half",
        "body": "The minister said on Monday that unemployment fell by 50% since 2020. Critics disagree.",
        "url": "https://news.example.org/2026/11/unemployment",
        "publisher": "Example News",
        "author": "A. Reporter",
        "published_at": "2026-11-28T08:00:00Z",
        "language": "en",
    },
    request_only=True,
)

ARTICLE_BY_URL_EXAMPLE = OpenApiExample(
    "A page to fetch", value={"url": "https://news.example.org/2026/11/unemployment"}, request_only=True
)


@extend_schema_view(
    list=extend_schema(
        summary="List articles", description="Newest first; cursor pages of up to 200.", examples=[ARTICLE_OUT]
    ),
    retrieve=extend_schema(summary="An article with its segmentation status and claim count", examples=[ARTICLE_OUT]),
)
class ArticleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ArticleSerializer
    permission_classes = [HasAnyRole]
    pagination_class = StableCursorPagination
    filterset_class = ArticleFilter
    filter_backends = [StrictFilterBackend]
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        return selectors.article_list()

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def get_permissions(self):
        if self.action in ("resegment", "refetch"):
            return [IsDesk()]
        return super().get_permissions()

    @extend_schema(
        summary="Push an article",
        description=(
            "Stores the article and queues its segmentation into claims. A new article answers 202; "
            "the same text sent again answers 200 with the stored article. Bodies over the size limit "
            "answer 413; control characters or invalid UTF-8 answer 400. "
            "With a `url` and no body the article is stored at once as `fetching`; a task fetches the "
            "page, extracts its text and metadata, then it goes `pending` and is segmented, or ends "
            "`failed` with the reason in `fetch_error`. A URL already stored (as sent, or as a page's "
            "canonical URL) answers 200 with its article; a page whose text is already stored ends "
            "`duplicate`, with `duplicate_of` naming the stored article."
        ),
        request=ArticleCreateSerializer,
        examples=[ARTICLE_EXAMPLE, ARTICLE_BY_URL_EXAMPLE, ARTICLE_OUT],
        responses={
            202: ArticleSerializer,
            200: OpenApiResponse(ArticleSerializer, description="The same content was already stored."),
            413: OpenApiResponse(description="The body is over the size limit."),
            **ERRORS,
        },
    )
    def create(self, request):
        serializer = ArticleCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        given = serializer.validated_data
        if "body" in given:
            article, created = article_ingest(article=ArticleInput(**given), created_by=request.user)
        else:
            article, created = article_submit_url(
                url=given["url"], created_by=request.user, publisher=given.get("publisher", "")
            )
        article = self.get_queryset().get(pk=article.pk)
        return Response(
            ArticleSerializer(article).data, status=status.HTTP_202_ACCEPTED if created else status.HTTP_200_OK
        )

    @extend_schema(
        summary="Segment an article again (editors)",
        description="Claims a person has touched survive; the others are replaced by the new run.",
        request=None,
        responses={202: ArticleSerializer, **ERRORS},
        examples=[ARTICLE_OUT],
    )
    @action(detail=True, methods=["post"])
    def resegment(self, request, pk=None):
        article = self.get_object()
        EmptyBodySerializer(data=request.data).is_valid(raise_exception=True)
        article_resegment(article=article, actor=request.user)
        return Response(
            ArticleSerializer(self.get_queryset().get(pk=article.pk)).data, status=status.HTTP_202_ACCEPTED
        )

    @extend_schema(
        summary="Fetch an article's page again (editors)",
        description=(
            "Queues a fetch of the article's URL. A changed text becomes a new version and is segmented "
            "again, keeping the claims a person has touched; an unchanged text only updates `fetched_at`. "
            "An article whose first fetch failed is fetched as new (`fetching`)."
        ),
        request=None,
        responses={202: ArticleSerializer, **ERRORS},
        examples=[ARTICLE_OUT],
    )
    @action(detail=True, methods=["post"])
    def refetch(self, request, pk=None):
        article = self.get_object()
        EmptyBodySerializer(data=request.data).is_valid(raise_exception=True)
        article_refetch(article=article, actor=request.user)
        return Response(
            ArticleSerializer(self.get_queryset().get(pk=article.pk)).data, status=status.HTTP_202_ACCEPTED
        )
