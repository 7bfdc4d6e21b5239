package io.podnet.pod;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores a pod's containers as their JSON spec in one column: they are only ever read with their
 * pod. Public for the path resolver, which reads pods with plain SQL.
 */
@Converter
public class ContainersColumn implements AttributeConverter<List<Container>, String> {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final TypeReference<List<Container>> TYPE = new TypeReference<>() {
	};

	@Override
	public String convertToDatabaseColumn(List<Container> containers) {
		return JSON.writeValueAsString(containers);
	}

	@Override
	public List<Container> convertToEntityAttribute(String json) {
		return JSON.readValue(json, TYPE);
	}
}
