package io.podnet.pod;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores a pod's containers as their JSON spec in one column: they are only ever read with their
 * pod. Public for the path resolver, which reads pods with plain SQL.
 */
@Converter
public class ContainersColumn implements AttributeConverter<List<Container>, String> {

	private static final TypeReference<List<Container>> TYPE = new TypeReference<>() {
	};
	/*
	 * A reader and a writer bound to the type once: the mapper's readValue(json, TYPE) resolves the
	 * generic type and looks up its deserializer on every call, and this column is read 500 times
	 * per page of a pod list and twice per path trace.
	 */
	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final ObjectReader READER = JSON.readerFor(TYPE);
	private static final ObjectWriter WRITER = JSON.writerFor(TYPE);

	@Override
	public String convertToDatabaseColumn(List<Container> containers) {
		return WRITER.writeValueAsString(containers);
	}

	@Override
	public List<Container> convertToEntityAttribute(String json) {
		return READER.readValue(json);
	}
}
