#!/bin/sh
# The emulator serves the Invoke API on :8080 and the runtime API on 127.0.0.1:9001, then starts the Java runtime
# interface client with the handler: _HANDLER when set (the agent sets it per function), else the image's command.
set -e
handler=${_HANDLER:-${1:-dev.esb.worker.EsbHandler::handleRequest}}
exec /usr/local/bin/aws-lambda-rie /usr/bin/java -cp /var/task/worker-java.jar \
    com.amazonaws.services.lambda.runtime.api.client.AWSLambda "$handler"
