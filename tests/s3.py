"""A local S3-compatible server for the ledger-storage tests (moto's server mode, a dev
dependency): real HTTP requests from django-storages, s3fs and DuckDB, no cloud account."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import boto3
from moto.server import ThreadedMotoServer

KEY, SECRET, REGION = "test-key", "test-secret", "eu-north-1"


@dataclass
class S3Server:
    endpoint_url: str

    def client(self) -> Any:
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=KEY,
            aws_secret_access_key=SECRET,
            region_name=REGION,
        )

    def new_bucket(self) -> str:
        name = f"ledgers-{secrets.token_hex(6)}"
        self.client().create_bucket(
            Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        return name

    def keys(self, bucket: str) -> list[str]:
        listing = self.client().list_objects_v2(Bucket=bucket)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def storage_setting(self, bucket: str, prefix: str = "") -> dict[str, Any]:
        """STORAGES["ledgers"] as settings.py builds it from the environment."""
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "location": prefix,
                "endpoint_url": self.endpoint_url,
                "region_name": REGION,
                "access_key": KEY,
                "secret_key": SECRET,
                "file_overwrite": False,
                "default_acl": None,
            },
        }

    def environment(self, bucket: str, prefix: str = "") -> dict[str, str]:
        """The environment variables of docs/deployment.md#ledger-storage."""
        return {
            "KLIMATKONTRAKT_LEDGER_S3_BUCKET": bucket,
            "KLIMATKONTRAKT_LEDGER_S3_PREFIX": prefix,
            "KLIMATKONTRAKT_LEDGER_S3_ENDPOINT_URL": self.endpoint_url,
            "KLIMATKONTRAKT_LEDGER_S3_REGION": REGION,
            "KLIMATKONTRAKT_LEDGER_S3_ACCESS_KEY_ID": KEY,
            "KLIMATKONTRAKT_LEDGER_S3_SECRET_ACCESS_KEY": SECRET,
        }


@contextmanager
def s3_server() -> Iterator[S3Server]:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # a line per S3 request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        yield S3Server(f"http://{host}:{port}")
    finally:
        server.stop()
