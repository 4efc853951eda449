package org.multitunnel.analysis.filter.internal;

import java.util.List;
import java.util.Set;

import org.multitunnel.analysis.filter.FieldType;
import org.multitunnel.analysis.filter.FilterSyntaxException;
import org.multitunnel.analysis.filter.FieldRegistry;

/**
 * A parsed and type-checked display filter: the test tree, how many value slots its operands need, and the field
 * names it reads. Immutable and shared by every thread; each thread evaluates it with its own {@link Evaluator}.
 */
public final class Program {
    final Node root;
    final FieldType[] slotTypes;
    private final Set<String> fields;

    Program(Node root, List<FieldType> slotTypes, Set<String> fields) {
        this.root = root;
        this.slotTypes = slotTypes.toArray(new FieldType[0]);
        this.fields = Set.copyOf(fields);
    }

    /** Parses and checks {@code text} against {@code registry}; errors carry the position of the problem. */
    public static Program compile(String text, FieldRegistry registry) throws FilterSyntaxException {
        return new Parser(text, registry).parse();
    }

    /** The filter names the filter reads. */
    public Set<String> fields() {
        return fields;
    }
}
