package dev.drydock.input;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;

/**
 * The one reader of API request bodies: a copy of the application's mapper that refuses unknown fields, values of
 * the wrong JSON type (a number for a string, a float for an integer, a string for a boolean), nulls inside lists
 * and maps, duplicate keys, trailing content and control characters in strings and keys. Registry responses,
 * events and stored JSON keep the lenient application mapper: their producers may add fields.
 */
@ApplicationScoped
public class StrictJson {

    private final ObjectMapper mapper;

    @Inject
    public StrictJson(ObjectMapper application) {
        this.mapper = configure(application.copy());
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    static ObjectMapper configure(ObjectMapper m) {
        m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY,
                DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        m.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT, DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);
        m.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        if (m instanceof JsonMapper) {
            m.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        }
        m.setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
        refuse(m, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean);
        refuse(m, LogicalType.Integer, CoercionInputShape.Float, CoercionInputShape.String, CoercionInputShape.Boolean,
                CoercionInputShape.EmptyString);
        refuse(m, LogicalType.Float, CoercionInputShape.String, CoercionInputShape.Boolean, CoercionInputShape.EmptyString);
        refuse(m, LogicalType.Boolean, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.String,
                CoercionInputShape.EmptyString);
        refuse(m, LogicalType.POJO, CoercionInputShape.EmptyString, CoercionInputShape.EmptyArray);
        refuse(m, LogicalType.Map, CoercionInputShape.EmptyString);
        refuse(m, LogicalType.Collection, CoercionInputShape.EmptyString);
        refuse(m, LogicalType.Enum, CoercionInputShape.Integer, CoercionInputShape.EmptyString);
        m.registerModule(new SimpleModule("drydock-strict-input")
                .addDeserializer(String.class, new PlainText())
                .addKeyDeserializer(String.class, new PlainKey()));
        return m;
    }

    private static void refuse(ObjectMapper m, LogicalType type, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            m.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
        }
    }

    /** Strings as Jackson reads them, refused when they hold a control character. */
    static final class PlainText extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(com.fasterxml.jackson.core.JsonToken.VALUE_STRING)) {
                return (String) ctxt.handleUnexpectedToken(String.class, p);
            }
            return check(p, p.getText());
        }
    }

    /** Map keys, refused when they hold a control character (tab and newline included: keys are names). */
    static final class PlainKey extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            int at = ControlCharacters.findInLine(key);
            if (at >= 0) {
                throw JsonMappingException.from(ctxt, "a key holds the control character "
                        + ControlCharacters.name(key.charAt(at)));
            }
            return key;
        }
    }

    static String check(JsonParser p, String value) throws JsonMappingException {
        int at = ControlCharacters.find(value);
        if (at >= 0) {
            throw JsonMappingException.from(p, "the value holds the control character "
                    + ControlCharacters.name(value.charAt(at)));
        }
        return value;
    }
}
