package io.redoubt.admin.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The records the API reads and answers, found from the Route table (and ApiError) through their
 * components, and instances of them with every field set: what the tests that must cover "every request"
 * or "every response" iterate over, so a new record cannot escape them.
 */
final class RecordTypes {
    private RecordTypes() {}

    static Set<Class<?>> requests() {
        List<Class<?>> roots = new ArrayList<>();
        for (Route r : Route.values()) {
            r.requestBody().ifPresent(roots::add);
        }
        return reachableFrom(roots);
    }

    static Set<Class<?>> responses() {
        List<Class<?>> roots = new ArrayList<>(List.of(ApiError.class));
        for (Route r : Route.values()) {
            r.responseBody().ifPresent(roots::add);
        }
        return reachableFrom(roots);
    }

    static Set<Class<?>> reachableFrom(List<Class<?>> roots) {
        Set<Class<?>> found = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            Class<?> c = todo.pop();
            if (!c.isRecord() || !found.add(c)) {
                continue;
            }
            for (RecordComponent rc : c.getRecordComponents()) {
                Class<?> t = elementType(rc.getGenericType());
                if (t.isRecord()) {
                    todo.push(t);
                }
            }
        }
        return found;
    }

    /** The schema name of a record in openapi.yaml: its simple name, prefixed by its enclosing record's. */
    static String schemaName(Class<?> c) {
        return c.getEnclosingClass() == null ? c.getSimpleName()
                : c.getEnclosingClass().getSimpleName() + c.getSimpleName();
    }

    static List<String> jsonNames(Class<?> c) {
        List<String> names = new ArrayList<>();
        for (RecordComponent rc : c.getRecordComponents()) {
            JsonProperty p = rc.getAccessor().getAnnotation(JsonProperty.class);
            if (p == null) {
                p = c.getDeclaredFields()[indexOf(c, rc)].getAnnotation(JsonProperty.class);
            }
            names.add(p == null ? rc.getName() : p.value());
        }
        return names;
    }

    private static int indexOf(Class<?> c, RecordComponent rc) {
        RecordComponent[] all = c.getRecordComponents();
        for (int i = 0; i < all.length; i++) {
            if (all[i].getName().equals(rc.getName())) {
                return i;
            }
        }
        throw new IllegalStateException();
    }

    /** An instance with every field present; strings are "v-" + the field's JSON name. */
    static Object sample(Class<?> c) {
        try {
            RecordComponent[] rcs = c.getRecordComponents();
            List<String> names = jsonNames(c);
            Object[] args = new Object[rcs.length];
            Class<?>[] types = new Class<?>[rcs.length];
            for (int i = 0; i < rcs.length; i++) {
                types[i] = rcs[i].getType();
                args[i] = value(rcs[i].getGenericType(), names.get(i));
            }
            var ctor = c.getDeclaredConstructor(types);
            ctor.setAccessible(true);
            return ctor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(c.getName(), e);
        }
    }

    private static Object value(Type type, String name) {
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            return List.of(value(p.getActualTypeArguments()[0], name));
        }
        Class<?> t = (Class<?>) type;
        if (t == String.class) {
            return "v-" + name;
        } else if (t == int.class || t == Integer.class) {
            return 7;
        } else if (t == long.class || t == Long.class) {
            return 7L;
        } else if (t == boolean.class || t == Boolean.class) {
            return true;
        } else if (t.isEnum()) {
            return t.getEnumConstants()[0];
        } else if (t.isRecord()) {
            return sample(t);
        }
        throw new IllegalArgumentException("no sample for " + t);
    }

    private static Class<?> elementType(Type type) {
        if (type instanceof ParameterizedType p) {
            return elementType(p.getActualTypeArguments()[0]);
        }
        return (Class<?>) type;
    }
}
