"""boto3's Lambda client against the gateway, as a worker or a user on the Docker network would call it.

The endpoint and the CA bundle come from the environment (AWS_ENDPOINT_URL_LAMBDA, AWS_CA_BUNDLE). Prints one
JSON object per case: what boto3 raised or returned. The Java scenario judges it.
"""
import json
import sys

import boto3
from botocore.config import Config

FUNCTION = sys.argv[1]
client = boto3.client("lambda", config=Config(retries={"max_attempts": 1}))


def report(case, **seen):
    print(json.dumps({"case": case, **seen}), flush=True)


def attempt(case, **kwargs):
    try:
        response = client.invoke(**kwargs)
        report(case, status=response["StatusCode"], function_error=response.get("FunctionError"),
               payload=response["Payload"].read().decode("utf-8"))
    except client.exceptions.ClientError as error:
        report(case, exception=type(error).__name__, code=error.response["Error"]["Code"],
               status=error.response["ResponseMetadata"]["HTTPStatusCode"])


attempt("ok", FunctionName=FUNCTION, Payload=json.dumps({"action": "echo", "from": "boto3"}))
attempt("unknown", FunctionName="no-such-function", Payload=b"{}")
attempt("oversized", FunctionName=FUNCTION, Payload=b'{"pad":"' + b"x" * (6 * 1024 * 1024) + b'"}')
attempt("raises", FunctionName=FUNCTION, Payload=json.dumps({"action": "fail", "message": "boom from boto3"}))
