package io.podnet.system;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

@Configuration
class JsonConfig {

	/**
	 * A strict API: {"name": 42} is a wrong type (400), not the name "42". Jackson turns numbers and
	 * booleans into strings by default, and allow-coercion-of-scalars does not cover string fields.
	 */
	@Bean
	JsonMapperBuilderCustomizer noScalarsAsStrings() {
		return builder -> builder.withCoercionConfig(LogicalType.Textual, config -> config
				.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
	}
}
