"""boto3 at its default settings against s3-storage; prints one JSON object per check on stdout.

Endpoint, region and credentials come only from the environment (AWS_ENDPOINT_URL_S3 and friends), the way a
worker gets them. Each check reports what it saw; the Java scenario decides pass or fail.
"""
import hashlib
import io
import json
import os
import urllib.request
import uuid

import boto3
from boto3.s3.transfer import TransferConfig

MIB = 1024 * 1024


def report(check, **seen):
    print(json.dumps({"check": check, **seen}), flush=True)


def digest(data):
    return hashlib.sha256(data).hexdigest()


s3 = boto3.client("s3")
bucket = "compat-boto3-" + uuid.uuid4().hex[:8]
s3.create_bucket(Bucket=bucket)
report("boto3", version=boto3.__version__)

payload = os.urandom(3 * MIB + 5)
put = s3.put_object(Bucket=bucket, Key="put/get.bin", Body=payload)
read = s3.get_object(Bucket=bucket, Key="put/get.bin")["Body"].read()
report("put-get", sent=digest(payload), read=digest(read), checksum=put.get("ChecksumCRC32"))

try:
    s3.put_object(Bucket=bucket, Key="wrong.bin", Body=b"not what the checksum says", ChecksumCRC32="AAAAAA==")
    report("wrong-checksum", rejected=False)
except s3.exceptions.ClientError as error:
    report("wrong-checksum", rejected=True, status=error.response["ResponseMetadata"]["HTTPStatusCode"])

big = os.urandom(12 * MIB + 1)
transfer = TransferConfig(multipart_threshold=5 * MIB, multipart_chunksize=5 * MIB)
s3.upload_fileobj(io.BytesIO(big), bucket, "multipart.bin", Config=transfer)
read = s3.get_object(Bucket=bucket, Key="multipart.bin")["Body"].read()
head = s3.head_object(Bucket=bucket, Key="multipart.bin")
report("multipart", sent=digest(big), read=digest(read), etag=head["ETag"])

for key in ("list/a", "list/b", "list/c"):
    s3.put_object(Bucket=bucket, Key=key, Body=key.encode())
pages = s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix="list/", PaginationConfig={"PageSize": 2})
keys = [item["Key"] for page in pages for item in page.get("Contents", [])]
report("list-v2", keys=keys)

s3.put_object(Bucket=bucket, Key="head.bin", Body=b"x" * 12345, Metadata={"flow": "s3-compat"})
head = s3.head_object(Bucket=bucket, Key="head.bin")
report("head", length=head["ContentLength"], metadata=head["Metadata"])

url = s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "put/get.bin"}, ExpiresIn=300)
with urllib.request.urlopen(url) as response:
    report("presigned-get", status=response.status, read=digest(response.read()), sent=digest(payload),
           query=url.split("?", 1)[1].split("&")[0].split("=")[0])

s3.delete_object(Bucket=bucket, Key="head.bin")
try:
    s3.head_object(Bucket=bucket, Key="head.bin")
    report("delete", gone=False)
except s3.exceptions.ClientError as error:
    report("delete", gone=True, status=error.response["ResponseMetadata"]["HTTPStatusCode"])
