package dev.drydock.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A Java client that openapi-generator wrote from the live document, compiled here and called by reflection (the
 * classes do not exist when the test is compiled). Parameters are matched by name, as the generator named them.
 */
final class GeneratedClient {

    static final String PACKAGE = "dev.drydock.client";

    private final ClassLoader loader;
    private final Object apiClient;

    private GeneratedClient(ClassLoader loader, Object apiClient) {
        this.loader = loader;
        this.apiClient = apiClient;
    }

    /** Generates the client of {@code spec} with the generator jar, compiles it and points it at {@code baseUri}. */
    static GeneratedClient generate(Path generatorJar, Path spec, Path dir, String baseUri, String token) throws Exception {
        Path out = dir.resolve("client");
        Processes.Result generated = Processes.run(dir, 300, List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", generatorJar.toString(), "generate", "-i", spec.toString(), "-g", "java", "--library", "native",
                "-o", out.toString(), "--invoker-package", PACKAGE, "--api-package", PACKAGE + ".api",
                "--model-package", PACKAGE + ".model",
                "--additional-properties", "openApiNullable=false,useJakartaEe=true,hideGenerationTimestamp=true",
                "--global-property", "apiTests=false,modelTests=false,apiDocs=false,modelDocs=false"));
        if (generated.exitCode() != 0) {
            throw new IllegalStateException("openapi-generator failed:\n" + generated.stdout() + generated.stderr());
        }
        Path classes = dir.resolve("classes");
        compile(out.resolve("src/main/java"), classes);
        ClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, GeneratedClient.class.getClassLoader());
        Object apiClient = loader.loadClass(PACKAGE + ".ApiClient").getConstructor().newInstance();
        invoke(apiClient, "updateBaseUri", Map.of("baseUri", baseUri));
        Consumer<HttpRequest.Builder> auth = request -> request.header("Authorization", "Bearer " + token);
        invoke(apiClient, "setRequestInterceptor", Map.of("interceptor", auth));
        return new GeneratedClient(loader, apiClient);
    }

    /** An API class of the client by its tag: {@code api("Tasks")} is {@code TasksApi}. */
    Object api(String tag) throws ReflectiveOperationException {
        Class<?> type = loader.loadClass(PACKAGE + ".api." + tag + "Api");
        return type.getConstructor(apiClient.getClass()).newInstance(apiClient);
    }

    /** A model object read from JSON with the client's own mapper. */
    Object model(String name, String json) throws Exception {
        ObjectMapper mapper = (ObjectMapper) invoke(apiClient, "getObjectMapper", Map.of());
        return mapper.readValue(json, loader.loadClass(PACKAGE + ".model." + name));
    }

    /** Calls {@code method} with the arguments named; the parameters not named (optional ones) get null. */
    static Object invoke(Object target, String method, Map<String, ?> arguments) throws Exception {
        Method found = Arrays.stream(target.getClass().getMethods())
                .filter(m -> m.getName().equals(method) && m.getParameterCount() >= arguments.size())
                .filter(m -> Arrays.stream(m.getParameters()).map(Parameter::getName).toList().containsAll(arguments.keySet()))
                .min((a, b) -> a.getParameterCount() - b.getParameterCount())
                .orElseThrow(() -> new AssertionError("the generated " + target.getClass().getSimpleName()
                        + " has no method " + method + " taking " + arguments.keySet() + "; it has "
                        + Arrays.stream(target.getClass().getDeclaredMethods()).map(GeneratedClient::signature).toList()));
        Object[] values = Arrays.stream(found.getParameters()).map(p -> arguments.get(p.getName())).toArray();
        try {
            return found.invoke(target, values);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** A getter of a model object: {@code get(run, "status")} calls {@code getStatus()}. */
    static Object get(Object model, String property) throws Exception {
        return invoke(model, "get" + Character.toUpperCase(property.charAt(0)) + property.substring(1), Map.of());
    }

    private static String signature(Method m) {
        return m.getName() + Arrays.stream(m.getParameters()).map(Parameter::getName).toList();
    }

    private static void compile(Path sources, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        Files.createDirectories(classes);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, null, null)) {
            List<String> options = new ArrayList<>(List.of("-parameters", "-nowarn", "-proc:none", "-d", classes.toString(),
                    "-classpath", System.getProperty("java.class.path")));
            boolean ok = javac.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files)).call();
            if (!ok) {
                throw new IllegalStateException("the generated client does not compile: " + diagnostics.getDiagnostics().stream()
                        .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR).limit(10).map(Object::toString).toList());
            }
        }
    }
}
