package dev.esb.gateway.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class FunctionReferenceTest {
    @Test
    void readsNamesPartialArnsAndFullArns() {
        assertThat(FunctionReference.parse("orders", null)).as("plain name")
                .isEqualTo(new FunctionReference("orders", Optional.empty()));
        assertThat(FunctionReference.parse("123456789012:function:orders", null)).as("partial ARN")
                .isEqualTo(new FunctionReference("orders", Optional.empty()));
        assertThat(FunctionReference.parse("arn:aws:lambda:eu-west-1:123456789012:function:orders:live", null))
                .as("full ARN with alias").isEqualTo(new FunctionReference("orders", Optional.of("live")));
        assertThat(FunctionReference.parse("orders", "$LATEST").isLatest()).as("Qualifier $LATEST").isTrue();
    }

    @Test
    void rejectsDisagreeingQualifiersAndInvalidNames() {
        LambdaError mismatch = catchThrowableOfType(LambdaError.class,
                () -> FunctionReference.parse("orders:live", "prod"));
        LambdaError invalid = catchThrowableOfType(LambdaError.class,
                () -> FunctionReference.parse("orders with space", null));

        assertThat(mismatch.errorType()).as("qualifier mismatch").isEqualTo("InvalidParameterValueException");
        assertThat(invalid.errorType()).as("invalid name").isEqualTo("ValidationException");
        assertThat(invalid).as("invalid name message").hasMessageContaining("'orders with space'");
    }

    @Test
    void writesTheArnWithTheQualifier() {
        assertThat(FunctionReference.parse("orders:live", null).arn("us-east-1", "000000000000")).as("ARN")
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:orders:live");
    }
}
