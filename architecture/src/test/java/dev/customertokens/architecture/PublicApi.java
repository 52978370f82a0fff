package dev.customertokens.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The public API as text, one line a signature, in a stable order: every public or protected type of the API
 * packages named in docs/api.md, and its public and protected constructors, methods and fields. Compared with
 * the recorded {@code api/customer-tokens.api} by {@link PublicApiTest}, as Kotlin's binary-compatibility
 * validator compares its dumps.
 */
final class PublicApi {

    /** The packages of docs/api.md: everything else is internal. */
    static final List<String> PACKAGES = List.of(
            "dev.customertokens.domain",
            "dev.customertokens.application.port.in",
            "dev.customertokens.application.port.out",
            "dev.customertokens.application.service",
            "dev.customertokens.adapters.jwt",
            "dev.customertokens.adapters.persistence",
            "dev.customertokens.adapters.http",
            "dev.customertokens.bootstrap",
            "dev.customertokens.testkit");

    private PublicApi() {
    }

    /** The API of the classes on the class path, as the recorded file holds it. */
    static String render() {
        JavaClasses classes = new ClassFileImporter(List.of(new ArchitectureTest.ProductionClassesOnly()))
                .importPackages(PACKAGES);
        List<Class<?>> types = new ArrayList<>();
        for (JavaClass javaClass : classes) {
            if (!PACKAGES.contains(javaClass.getPackageName())) {
                continue; // a sub-package: internal
            }
            Class<?> type = javaClass.reflect();
            if (isVisible(type) && !type.isSynthetic() && !type.isAnonymousClass() && !type.isLocalClass()) {
                types.add(type);
            }
        }
        types.sort(Comparator.comparing(Class::getName));
        StringBuilder api = new StringBuilder();
        for (Class<?> type : types) {
            api.append(header(type)).append('\n');
            for (String member : members(type)) {
                api.append("  ").append(member).append('\n');
            }
            api.append('\n');
        }
        return api.toString();
    }

    /** Visible from outside: public or protected, and so is every class it is nested in. */
    private static boolean isVisible(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
            if (!Modifier.isPublic(c.getModifiers()) && !Modifier.isProtected(c.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static String header(Class<?> type) {
        StringBuilder header = new StringBuilder(modifiers(type.getModifiers() & ~Modifier.INTERFACE));
        header.append(type.isAnnotation() ? "@interface " : type.isInterface() ? "interface "
                : type.isEnum() ? "enum " : type.isRecord() ? "record " : "class ").append(type.getName());
        if (type.getGenericSuperclass() != null && !List.of(Object.class, Record.class, Enum.class)
                .contains(type.getSuperclass())) {
            header.append(" extends ").append(type.getGenericSuperclass().getTypeName());
        }
        Type[] interfaces = type.getGenericInterfaces();
        if (interfaces.length > 0) {
            header.append(type.isInterface() ? " extends " : " implements ").append(Arrays.stream(interfaces)
                    .map(Type::getTypeName).collect(Collectors.joining(", ")));
        }
        if (type.isSealed()) {
            header.append(" permits ").append(Arrays.stream(type.getPermittedSubclasses()).map(Class::getName)
                    .sorted().collect(Collectors.joining(", ")));
        }
        return header.toString();
    }

    private static Set<String> members(Class<?> type) {
        Set<String> members = new TreeSet<>();
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (visible(constructor) && !constructor.isSynthetic()) {
                members.add(constructor.toGenericString().replace(type.getName() + "(", "<init>("));
            }
        }
        for (Method method : type.getDeclaredMethods()) {
            if (visible(method) && !method.isSynthetic() && !method.isBridge()) {
                members.add(withoutOwner(method.toGenericString(), type));
            }
        }
        for (Field field : type.getDeclaredFields()) {
            if (visible(field) && !field.isSynthetic()) {
                members.add(withoutOwner(field.toGenericString(), type));
            }
        }
        return new LinkedHashSet<>(members);
    }

    private static boolean visible(Member member) {
        return Modifier.isPublic(member.getModifiers()) || Modifier.isProtected(member.getModifiers());
    }

    private static String withoutOwner(String signature, Class<?> owner) {
        return signature.replace(" " + owner.getName() + ".", " ");
    }

    private static String modifiers(int modifiers) {
        String text = Modifier.toString(modifiers);
        return text.isEmpty() ? "" : text + " ";
    }

    /** What differs between the recorded API and the current one: lines gone ("-") and lines new ("+"). */
    static List<String> differences(String recorded, String current) {
        List<String> was = recorded.lines().toList();
        List<String> is = current.lines().toList();
        List<String> differences = new ArrayList<>();
        was.stream().filter(line -> !line.isBlank() && !is.contains(line)).forEach(line -> differences.add("- " + line.strip()));
        is.stream().filter(line -> !line.isBlank() && !was.contains(line)).forEach(line -> differences.add("+ " + line.strip()));
        return differences;
    }
}
