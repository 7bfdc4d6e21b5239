package io.podnet.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;
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

	/**
	 * {"name":"a","name":"b"} is refused (400) rather than "last one wins": a proxy or audit log that
	 * reads the first key would otherwise see a different request than podnet acts on.
	 */
	@Bean
	JsonMapperBuilderCustomizer noDuplicateKeys() {
		return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
	}
}
