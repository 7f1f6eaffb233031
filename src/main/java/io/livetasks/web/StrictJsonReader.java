package io.livetasks.web;

import jakarta.json.Json;
import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the API's request records strictly: JSON-B would turn {@code "completed": "yes"} into {@code false}
 * and {@code "title": 5} into {@code "5"}; here a value of the wrong JSON type, an unknown field or a body
 * that is not a JSON object is a 400 naming the field, and nothing is stored. An empty body reads as
 * {@code null}, which Bean Validation then reports as missing.
 *
 * <p>Hostile bodies are refused cheaply: more than {@link RequestLimits#maxBodyBytes()} is a 413 (read no
 * further than that), nesting deeper than {@value #MAX_DEPTH} or a number longer than
 * {@value #MAX_NUMBER_LENGTH} characters is a 400 (checked by a streaming pass before anything is built),
 * and at most {@value #MAX_ERRORS} field errors are listed.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
public class StrictJsonReader implements MessageBodyReader<Record> {

    /** Looked up once: {@code Json.create…} looks the provider up with a ServiceLoader on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final String API_PACKAGE = "io.livetasks.";
    /** The API's bodies are flat objects; anything deeper is not ours. */
    static final int MAX_DEPTH = 8;
    static final int MAX_NUMBER_LENGTH = 30;
    static final int MAX_ERRORS = 20;
    private static final int MAX_FIELD_NAME_LENGTH = 64;

    private final RequestLimits limits;

    public StrictJsonReader() {
        this(RequestLimits.configured());
    }

    StrictJsonReader(RequestLimits limits) {
        this.limits = limits;
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord() && type.getName().startsWith(API_PACKAGE);
    }

    @Override
    public Record readFrom(Class<Record> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        int max = limits.maxBodyBytes();
        byte[] body = entityStream.readNBytes(max + 1);
        if (body.length > max) {
            throw new BodyTooLargeException(max);
        }
        if (new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return null;
        }
        checkShape(body);
        JsonObject object = parseObject(body);
        RecordComponent[] components = type.getRecordComponents();
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<String> known = Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.toSet());
        List<String> unknown = object.keySet().stream().filter(name -> !known.contains(name)).sorted().toList();
        unknown.stream().limit(MAX_ERRORS)
                .forEach(name -> errors.add(new Problem.FieldError(shorten(name), "is not a known field")));
        if (unknown.size() > MAX_ERRORS) {
            errors.add(new Problem.FieldError("…", (unknown.size() - MAX_ERRORS) + " more unknown fields"));
        }
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            JsonValue value = object.get(component.getName());
            values[i] = value == null || value.getValueType() == JsonValue.ValueType.NULL
                    ? null : convert(value, component.getType(), component.getName(), errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidBodyException("Invalid request: " + errors.stream().map(e -> e.field() + " " + e.message())
                    .collect(Collectors.joining("; ")), errors);
        }
        return construct(type, components, values);
    }

    /** A streaming pass: no tree is built for a body nested too deep or with an absurd number. */
    private static void checkShape(byte[] body) {
        int depth = 0;
        try (JsonParser parser = JSON.createParser(new ByteArrayInputStream(body))) {
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.START_OBJECT || event == JsonParser.Event.START_ARRAY) {
                    if (++depth > MAX_DEPTH) {
                        throw new InvalidBodyException("The request body is nested deeper than " + MAX_DEPTH + " levels", List.of());
                    }
                } else if (event == JsonParser.Event.END_OBJECT || event == JsonParser.Event.END_ARRAY) {
                    depth--;
                } else if (event == JsonParser.Event.VALUE_NUMBER && parser.getString().length() > MAX_NUMBER_LENGTH) {
                    throw new InvalidBodyException("The request body has a number longer than " + MAX_NUMBER_LENGTH
                            + " characters", List.of());
                }
            }
        } catch (JsonException e) {
            throw new InvalidBodyException("The request body is not valid JSON: " + firstLine(e.getMessage()), List.of());
        }
    }

    private static String shorten(String name) {
        return name.length() > MAX_FIELD_NAME_LENGTH ? name.substring(0, MAX_FIELD_NAME_LENGTH) + "…" : name;
    }

    private static JsonObject parseObject(byte[] body) {
        JsonStructure structure;
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(body))) {
            structure = reader.read();
        } catch (JsonException e) {
            throw new InvalidBodyException("The request body is not valid JSON: " + firstLine(e.getMessage()), List.of());
        }
        if (!(structure instanceof JsonObject object)) {
            throw new InvalidBodyException("The request body must be a JSON object", List.of());
        }
        return object;
    }

    private static Object convert(JsonValue value, Class<?> target, String field, List<Problem.FieldError> errors) {
        if (target == String.class && value instanceof JsonString string) {
            return string.getString();
        }
        if ((target == Boolean.class || target == boolean.class)
                && (value == JsonValue.TRUE || value == JsonValue.FALSE)) {
            return value == JsonValue.TRUE;
        }
        if ((target == Long.class || target == long.class) && value instanceof JsonNumber number && number.isIntegral()) {
            // Judge the size from precision and scale: 1e999999999 must not be expanded to see that it is too big.
            java.math.BigDecimal decimal = number.bigDecimalValue();
            if (decimal.precision() - decimal.scale() > 19) {
                errors.add(new Problem.FieldError(field, "is out of range"));
                return null;
            }
            try {
                return number.longValueExact();
            } catch (ArithmeticException e) {
                errors.add(new Problem.FieldError(field, "is out of range"));
                return null;
            }
        }
        errors.add(new Problem.FieldError(field, "must be " + describe(target)));
        return null;
    }

    private static String describe(Class<?> target) {
        if (target == String.class) {
            return "a string";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (target == Long.class || target == long.class) {
            return "a whole number";
        }
        return "a " + target.getSimpleName();
    }

    private static Record construct(Class<Record> type, RecordComponent[] components, Object[] values) {
        try {
            Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            Constructor<Record> constructor = type.getDeclaredConstructor(types);
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new InvalidBodyException("Invalid request: " + e.getCause().getMessage(), List.of());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create " + type.getName(), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String first = message.lines().findFirst().orElse(message);
        return first.length() > 200 ? first.substring(0, 200) + "..." : first;
    }
}
