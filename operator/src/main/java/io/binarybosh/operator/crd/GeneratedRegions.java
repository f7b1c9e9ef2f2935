package io.binarybosh.operator.crd;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generated parts of a hand-written document: between {@code <!-- BEGIN GENERATED: name -->} and
 * {@code <!-- END GENERATED: name -->}; the text around the markers is left as written.
 */
final class GeneratedRegions {

    private static final Pattern REGION = Pattern.compile(
            "(<!-- BEGIN GENERATED: ([a-z-]+) -->\\n)(.*?)(<!-- END GENERATED: \\2 -->)", Pattern.DOTALL);

    private GeneratedRegions() {
    }

    /** The document with each region's content replaced by {@code content} of its name. */
    static String rewrite(String document, UnaryOperator<String> content) {
        Matcher matcher = REGION.matcher(document);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(
                    matcher.group(1) + content.apply(matcher.group(2)) + matcher.group(4)));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
