"""The reference Python worker: one Lambda handler whose event field "action" selects what it does.

Every endpoint comes from the environment, as on a real ESB node: boto3 reads AWS_ENDPOINT_URL_S3,
AWS_ENDPOINT_URL_DYNAMODB and AWS_ENDPOINT_URL_LAMBDA itself (boto3 >= 1.28), the chained invoke falls back to
GATEWAY_INTERNAL_URL, log lines go to VICTORIALOGS_URL, and AWS_CA_BUNDLE is the CA that signed the gateway's
certificate. Nothing here names an address.
"""

import base64
import datetime
import json
import os
import time
import urllib.request
from decimal import Decimal

import boto3
from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.config import Config

ACTIONS = ("echo", "s3-put", "s3-get", "ddb-put", "ddb-get", "log", "chain", "fail", "sleep")

_clients = {}


class WorkerError(Exception):
    """A handler failure the caller asked for or caused; the runtime reports it as errorType WorkerError."""


def handle(event, context):
    """Lambda entry point: esb_handler.handle."""
    if not isinstance(event, dict):
        raise WorkerError(f"event: '{json.dumps(event)}' (expected: a JSON object with an \"action\" field)")

    action = event.get("action", "echo")
    if action not in ACTIONS:
        raise WorkerError(f"action: '{action}' (expected: one of {', '.join(ACTIONS)})")

    print(f"[worker] action={action} request_id={context.aws_request_id}", flush=True)
    return _HANDLERS[action](event, context)


def _echo(event, context):
    return {"runtime": "python", "function": context.function_name, "event": event}


def _s3_put(event, context):
    bucket, key = _required(event, "bucket"), _required(event, "key")
    body = event.get("body", "")

    s3 = _client("s3")
    response = s3.put_object(Bucket=bucket, Key=key, Body=body.encode("utf-8"))
    return {"bucket": bucket, "key": key, "etag": response["ETag"].strip('"'), "size": len(body.encode("utf-8"))}


def _s3_get(event, context):
    bucket, key = _required(event, "bucket"), _required(event, "key")

    response = _client("s3").get_object(Bucket=bucket, Key=key)
    return {"bucket": bucket, "key": key, "body": response["Body"].read().decode("utf-8")}


def _ddb_put(event, context):
    table = _required(event, "table")
    item = dict(_required(event, "item"))
    item.update(event.get("key") or {})

    serializer = TypeSerializer()
    wire = {name: serializer.serialize(_to_decimal(value)) for name, value in item.items()}
    _client("dynamodb").put_item(TableName=table, Item=wire)
    return {"table": table, "item": item}


def _ddb_get(event, context):
    table, key = _required(event, "table"), _required(event, "key")

    serializer, deserializer = TypeSerializer(), TypeDeserializer()
    wire_key = {name: serializer.serialize(_to_decimal(value)) for name, value in key.items()}
    response = _client("dynamodb").get_item(TableName=table, Key=wire_key, ConsistentRead=True)
    if "Item" not in response:
        return {"table": table, "key": key, "item": None}

    item = {name: _from_decimal(deserializer.deserialize(value)) for name, value in response["Item"].items()}
    return {"table": table, "key": key, "item": item}


def _log(event, context):
    url = _environment("VICTORIALOGS_URL").rstrip("/")
    message = event.get("message", "hello from the python worker")
    line = {
        "_time": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds"),
        "_msg": message,
        "service": "worker",
        "runtime": "python",
        "function": context.function_name,
        "request_id": context.aws_request_id,
    }

    request = urllib.request.Request(
        url + "/insert/jsonline?_stream_fields=service&_msg_field=_msg&_time_field=_time",
        data=(json.dumps(line) + "\n").encode("utf-8"),
        headers={"Content-Type": "application/stream+json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        status = response.status
    print(f"[worker] shipped a log line to {url}: {status}", flush=True)
    return {"shipped": line, "status": status}


def _chain(event, context):
    target = _required(event, "function")
    payload = event.get("payload", {"action": "echo"})

    response = _client("lambda").invoke(FunctionName=target, Payload=json.dumps(payload).encode("utf-8"))
    result = json.loads(response["Payload"].read() or b"null")
    if response.get("FunctionError"):
        raise WorkerError(f"chained function '{target}' failed: {json.dumps(result)}")
    return {"chainedFrom": context.function_name, "function": target, "result": result}


def _fail(event, context):
    raise WorkerError(event.get("message", "failure requested by the event"))


def _sleep(event, context):
    seconds = float(event.get("seconds", 1))
    time.sleep(seconds)
    return {"slept": seconds}


_HANDLERS = {
    "echo": _echo,
    "s3-put": _s3_put,
    "s3-get": _s3_get,
    "ddb-put": _ddb_put,
    "ddb-get": _ddb_get,
    "log": _log,
    "chain": _chain,
    "fail": _fail,
    "sleep": _sleep,
}


def _client(service):
    # One client per service and sandbox: Lambda reuses the process across invocations, so does this module.
    if service not in _clients:
        options = {}
        if service == "s3":
            options["config"] = Config(s3={"addressing_style": "path"})
        if service == "lambda":
            options["endpoint_url"] = os.environ.get("AWS_ENDPOINT_URL_LAMBDA") or _environment("GATEWAY_INTERNAL_URL")
            options["config"] = Config(retries={"max_attempts": 3, "mode": "standard"}, read_timeout=900)
        _clients[service] = boto3.client(service, **options)
    return _clients[service]


def _required(event, field):
    value = event.get(field)
    if value is None or value == "":
        raise WorkerError(f"{field}: '{'' if value is None else value}' (expected: a value in the event)")
    return value


def _environment(name):
    value = os.environ.get(name)
    if not value:
        raise WorkerError(f"{name}: '' (expected: set in the function's environment)")
    return value


def _to_decimal(value):
    # DynamoDB numbers are decimals; boto3's serializer refuses floats to avoid silent rounding.
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, dict):
        return {k: _to_decimal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_to_decimal(v) for v in value]
    return value


def _from_decimal(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: _from_decimal(v) for k, v in value.items()}
    if isinstance(value, (list, set)):
        return [_from_decimal(v) for v in value]
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value
