/**
 * The AWS Lambda Invoke API ({@code POST /2015-03-31/functions/{name}/invocations}) in front of Runtime Interface
 * Emulator workers.
 *
 * <pre>
 *  client ──HTTPS──▶ InvokeHandler ──▶ Invoker ──lease──▶ WorkerPool
 *                                        │
 *                                        └──HTTP──▶ worker:8080 /2015-03-31/functions/function/invocations
 * </pre>
 *
 * <p>The gateway adds what the emulator lacks: Event and DryRun invocation types, one invocation per worker at a
 * time, a gateway-side timeout, Lambda's way of reporting handler errors and timeouts
 * ({@code X-Amz-Function-Error: Unhandled}), the log tail, and AWS-shaped service errors
 * ({@code x-amzn-ErrorType} plus a JSON body) that the AWS SDKs map to their exception classes.
 */
package dev.esb.gateway.invoke;
