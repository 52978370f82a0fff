package dev.customertokens.benchmarks.plots;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** An SVG file parsed by the JDK's XML parser, namespace-aware, so that an element outside SVG's is not found. */
record SvgDocument(Document document) {

    static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";

    static SvgDocument parse(String svg) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return new SvgDocument(factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg))));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + svg, e);
        }
    }

    Element root() {
        return document.getDocumentElement();
    }

    /** Every SVG element of that name, in document order. */
    List<Element> elements(String name) {
        NodeList nodes = document.getElementsByTagNameNS(SVG_NAMESPACE, name);
        List<Element> elements = new ArrayList<>(nodes.getLength());
        for (int index = 0; index < nodes.getLength(); index++) {
            elements.add((Element) nodes.item(index));
        }
        return elements;
    }

    /** Every element of that name and class attribute, in document order. */
    List<Element> elements(String name, String className) {
        return elements(name).stream().filter(element -> element.getAttribute("class").equals(className)).toList();
    }

    /** The text of every {@code <text>} of that class, in document order. */
    List<String> texts(String className) {
        return elements("text", className).stream().map(Element::getTextContent).toList();
    }
}
