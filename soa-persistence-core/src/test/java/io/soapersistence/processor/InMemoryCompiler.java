package io.soapersistence.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/** Compiles sources given as strings with the {@code @SoA} processor, against the test class path. */
final class InMemoryCompiler {

    private final Path output;

    InMemoryCompiler(Path output) {
        this.output = output;
    }

    /** The outcome of one compilation. */
    record Result(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics) {

        List<String> errors() {
            return messages(Diagnostic.Kind.ERROR);
        }

        List<String> warnings() {
            return this.diagnostics.stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.WARNING
                            || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING)
                    .map(InMemoryCompiler::describe).toList();
        }

        private List<String> messages(Diagnostic.Kind kind) {
            return this.diagnostics.stream().filter(d -> d.getKind() == kind).map(d -> d.getMessage(Locale.ROOT))
                    .toList();
        }

        String all() {
            return this.diagnostics.stream().map(InMemoryCompiler::describe).collect(Collectors.joining("\n"));
        }
    }

    /** Compiles sources given as alternating qualified class names and source texts. */
    Result compile(List<String> options, String... namesAndSources) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<JavaFileObject> units = new ArrayList<>();
        for (int i = 0; i < namesAndSources.length; i += 2) {
            units.add(new Source(namesAndSources[i], namesAndSources[i + 1]));
        }
        Path classes = this.output.resolve("classes");
        Path generated = this.output.resolve("generated");
        try {
            Files.createDirectories(classes);
            Files.createDirectories(generated);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> arguments = new ArrayList<>(List.of("-classpath", System.getProperty("java.class.path"), "-d",
                classes.toString(), "-s", generated.toString(), "-processor", SoAProcessor.class.getName()));
        arguments.addAll(options);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        boolean success = compiler.getTask(null, null, diagnostics, arguments, null, units).call();
        return new Result(success, diagnostics.getDiagnostics());
    }

    /** A generated source file, by the qualified name of its class. */
    String generatedSource(String qualifiedName) {
        try {
            Path file = this.output.resolve("generated").resolve(qualifiedName.replace('.', '/') + ".java");
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(Diagnostic<? extends JavaFileObject> diagnostic) {
        String source = diagnostic.getSource() == null ? "" : diagnostic.getSource().getName() + ":"
                + diagnostic.getLineNumber() + ": ";
        return diagnostic.getKind() + " " + source + diagnostic.getMessage(Locale.ROOT);
    }

    private static final class Source extends SimpleJavaFileObject {

        private final String text;

        Source(String qualifiedName, String text) {
            super(URI.create("string:///" + qualifiedName.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return this.text;
        }
    }
}
