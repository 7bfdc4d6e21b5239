package io.podnet.web;

import io.podnet.problem.Conflict;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.Arrays;

/** The one error document of the API, RFC 9457 problem+json, as a schema and as a response body. */
final class ProblemDocumentation {

	static final String SCHEMA = "Problem";
	static final String MEDIA_TYPE = "application/problem+json";

	private ProblemDocumentation() {
	}

	static Schema<?> schema() {
		return new ObjectSchema()
				.description("RFC 9457 problem details. `detail` names the field, the bad value and what would be valid; "
						+ "`field` and `value` repeat them for programs. Some problems carry further members, such as "
						+ "`limit` for limit-exceeded and `pool` for exhausted.")
				.addProperty("type", new StringSchema().format("uri-reference")
						.description("urn:podnet:problem:<slug>, stable for programs to switch on")
						.example("urn:podnet:problem:invalid-value"))
				.addProperty("title", new StringSchema().example("Invalid value"))
				.addProperty("status", new IntegerSchema().example(422))
				.addProperty("detail", new StringSchema()
						.example("podNetwork: '10.244.0.1/16' has host bits set; did you mean 10.244.0.0/16?"))
				.addProperty("instance", new StringSchema().format("uri-reference").example("/api/v1/clusters"))
				.addProperty("field", new StringSchema().description("The offending field, when there is one")
						.example("podNetwork"))
				.addProperty("value", new StringSchema().description("The offending value, when there is one")
						.example("10.244.0.1/16"))
				.addProperty("pool", new StringSchema()
						.description("For exhausted (409): the address space with nothing left to hand out")
						._enum(Arrays.stream(Conflict.Pool.values()).map(Conflict.Pool::label).toList())
						.example(Conflict.Pool.NODE_SUBNETS.label()));
	}

	static Content content() {
		return new Content().addMediaType(MEDIA_TYPE,
				new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA)));
	}
}
