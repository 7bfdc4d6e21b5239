package io.podnet.cluster;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

/**
 * A new cluster names its pod network and its node network, in the single-stack form or the list
 * form: a missing one is reported with the other missing fields (name, ...) in one answer, as a
 * plain {@code @NotNull} would, under the single-stack field's name.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = NetworksGiven.Validator.class)
@interface NetworksGiven {

	String message() default "is required; expected it, or its list form with one entry per address family";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<NetworksGiven, CreateClusterRequest> {

		@Override
		public boolean isValid(CreateClusterRequest request, ConstraintValidatorContext context) {
			if (request == null) {
				return true;
			}
			context.disableDefaultConstraintViolation();
			boolean valid = check(context, "nodeNetwork", request.nodeNetwork(), "nodeNetworks", request.nodeNetworks());
			return check(context, "podNetwork", request.podNetwork(), "podNetworks", request.podNetworks()) && valid;
		}

		private static boolean check(ConstraintValidatorContext context, String field, String single, String listField,
				List<String> list) {
			if (single != null || (list != null && !list.isEmpty())) {
				return true;
			}
			context.buildConstraintViolationWithTemplate("is required; expected " + field + ", or " + listField
					+ " with one entry per address family, primary first").addPropertyNode(field).addConstraintViolation();
			return false;
		}
	}
}
