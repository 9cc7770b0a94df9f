package io.soapersistence.processor;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Generates the structure-of-arrays type of every record annotated with {@code @io.soapersistence.SoA}.
 * <p>
 * For {@code @SoA record Order(...)} in package {@code p} it writes {@code p.OrderSoA}: one array per
 * component, row and column accessors, filtering, per-column aggregates, {@code equals}/{@code hashCode}/
 * {@code toString} and the {@code io.soapersistence.ToArrow} conversion. A record or component it cannot map is
 * a compile error naming the record and the component.
 */
@SupportedAnnotationTypes(AnnotationValues.SOA)
public final class SoAProcessor extends AbstractProcessor {

    /** Records whose component types were unresolved, retried in later rounds in case another processor adds them. */
    private final Set<String> deferred = new LinkedHashSet<>();

    /** Generated class names, to report two records that would generate the same class. */
    private final Set<String> generated = new LinkedHashSet<>();

    /** Creates the processor; the compiler calls this through the service loader. */
    public SoAProcessor() {
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        Set<Element> pending = new LinkedHashSet<>();
        for (String name : this.deferred) {
            TypeElement type = this.processingEnv.getElementUtils().getTypeElement(name);
            if (type != null) {
                pending.add(type);
            }
        }
        this.deferred.clear();
        TypeElement soa = this.processingEnv.getElementUtils().getTypeElement(AnnotationValues.SOA);
        if (soa != null) {
            pending.addAll(round.getElementsAnnotatedWith(soa));
        }
        RecordAnalyzer analyzer =
                new RecordAnalyzer(this.processingEnv.getElementUtils(), this.processingEnv.getMessager());
        for (Element element : pending) {
            if (!round.processingOver() && RecordAnalyzer.hasUnresolvedTypes(element)) {
                this.deferred.add(((TypeElement) element).getQualifiedName().toString());
                continue;
            }
            Optional<RecordModel> model = analyzer.analyze(element);
            model.ifPresent(record -> generate(record, element));
        }
        return true;
    }

    private void generate(RecordModel model, Element record) {
        String name = model.soaQualifiedName();
        if (!this.generated.add(name)) {
            error(record, "@SoA cannot map record " + model.recordType() + ": another @SoA record already "
                    + "generates " + name + "; rename one of them");
            return;
        }
        String source = new SoAClassWriter(model).write();
        try {
            JavaFileObject file = this.processingEnv.getFiler().createSourceFile(name, record);
            try (Writer writer = file.openWriter()) {
                writer.write(source);
            }
        } catch (IOException e) {
            error(record, "@SoA cannot write " + name + " for record " + model.recordType() + ": " + e.getMessage());
        }
    }

    private void error(Element element, String message) {
        this.processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element);
    }
}
