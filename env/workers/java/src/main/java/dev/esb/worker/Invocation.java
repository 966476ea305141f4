package dev.esb.worker;

import com.amazonaws.services.lambda.runtime.Context;

/** What the actions need to know about the running invocation. */
record Invocation(String functionName, String requestId) {

    static Invocation of(Context context) {
        return new Invocation(context.getFunctionName(), context.getAwsRequestId());
    }
}
