package dev.esb.gateway.invoke;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The function an Invoke request names: a plain name, a partial ARN ({@code 123456789012:function:name}) or a full
 * ARN, each optionally with a {@code :qualifier}; or a {@code Qualifier} query parameter.
 *
 * @param name the function name
 * @param qualifier the version or alias, when one was given
 */
public record FunctionReference(String name, Optional<String> qualifier) {
    /** The only version this gateway has. */
    public static final String LATEST = "$LATEST";

    // Lambda's FunctionName pattern, with groups around the name and the qualifier.
    private static final Pattern FUNCTION_NAME = Pattern.compile(
            "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?"
                    + "(?<name>[a-zA-Z0-9-_.]+)(:(?<qualifier>\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9-_]+))?");
    private static final Pattern QUALIFIER = Pattern.compile("\\$LATEST|[a-zA-Z0-9-_]{1,128}");
    private static final int MAX_LENGTH = 256;

    /**
     * Parses the decoded path segment and the {@code Qualifier} query parameter.
     *
     * @throws LambdaError ValidationException for a name outside Lambda's pattern, InvalidParameterValueException
     *         when the two qualifiers disagree
     */
    public static FunctionReference parse(String functionName, String qualifierParameter) {
        Matcher matcher = FUNCTION_NAME.matcher(functionName);
        if (functionName.length() > MAX_LENGTH || !matcher.matches()) {
            throw LambdaError.validation("1 validation error detected: Value '" + functionName
                    + "' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression "
                    + "pattern: " + FUNCTION_NAME.pattern().replaceAll("\\?<[a-z]+>", ""));
        }
        Optional<String> fromName = Optional.ofNullable(matcher.group("qualifier"));
        Optional<String> fromQuery = Optional.ofNullable(qualifierParameter);
        if (fromQuery.isPresent() && !QUALIFIER.matcher(fromQuery.get()).matches()) {
            throw LambdaError.validation("1 validation error detected: Value '" + fromQuery.get()
                    + "' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression "
                    + "pattern: " + QUALIFIER.pattern());
        }
        if (fromName.isPresent() && fromQuery.isPresent() && !fromName.equals(fromQuery)) {
            throw LambdaError.invalidParameter(
                    "The derived qualifier from the function name does not match the specified qualifier.");
        }
        return new FunctionReference(matcher.group("name"), fromName.or(() -> fromQuery));
    }

    /** True when the reference means the only version there is. */
    public boolean isLatest() {
        return qualifier.map(LATEST::equals).orElse(true);
    }

    /** The function's ARN in the given region and account, with the qualifier when one was given. */
    public String arn(String region, String accountId) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + name + qualifier.map(q -> ":" + q)
                .orElse("");
    }
}
