FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
# collectstatic needs settings but no secrets of the deployment.
RUN DJANGO_DEBUG=false DJANGO_SECRET_KEY=collectstatic-only-not-a-real-secret-0123456789abcdef \
    python manage.py collectstatic --noinput

RUN useradd --create-home --uid 1000 factcheck
USER factcheck

EXPOSE 8000
CMD ["gunicorn", "factcheck.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
