package io.podnet.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.podnet.problem.InvalidQuery;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cases of Kubernetes' own selector tests (k8s.io/apimachinery/pkg/labels/selector_test.go:
 * TestSelectorParse, TestSelectorMatches, TestSetSelectorParser, TestRequirementConstructor,
 * TestRequirementSelectorMatching), so that podnet parses and matches exactly as kubectl users expect.
 */
class LabelSelectorTests {

	private static LabelSelector parse(String text) {
		return LabelSelector.parse("labelSelector", text);
	}

	@ParameterizedTest
	@ValueSource(strings = { "x=a,y=b,z=c", "", "x!=a,y=b", "x=", "x= ", "x=,z= ", "x= ,z= ", "!x", "x>1", "x>1,z<5" })
	void parsesKubernetesGoodStringsAndWritesThemBackWithoutSpaces(String text) {
		assertThat(parse(text).toString()).isEqualTo(text.replace(" ", ""));
	}

	@ParameterizedTest
	@ValueSource(strings = { "x=a||y=b", "x==a==b", "!x=a", "x<a", "x,,y", ",x,y", "x nott in (y)", "a in (xyz),",
			"a in (xyz)b notin ()", "a in (xyz abc)", "a notin(", "a (", "(" })
	void refusesKubernetesBadStrings(String text) {
		assertThatThrownBy(() -> parse(text)).isInstanceOf(InvalidQuery.class)
				.satisfies(e -> assertThat(((InvalidQuery) e).status()).isEqualTo(400));
	}

	@Test
	void parsingIsDeterministicWhateverTheOrderOfRequirements() {
		assertThat(parse("x=a,a=x")).isEqualTo(parse("a=x,x=a"));
	}

	@Test
	void parsesSetBasedRequirementsAsKubernetesDoes() {
		assertThat(parse("\rx").requirements()).containsExactly(req("x", Requirement.Operator.EXISTS));
		assertThat(parse("this-is-another-dns.domain.com/key-with-dash in (so,what)").requirements())
				.containsExactly(req("this-is-another-dns.domain.com/key-with-dash", Requirement.Operator.IN, "so", "what"));
		assertThat(parse("0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)").requirements())
				.containsExactly(req("0.1.2.domain/99", Requirement.Operator.NOT_IN, "10.10.100.1", "tick.tack.clock"));
		assertThat(parse("foo  in\t (abc)").requirements()).containsExactly(req("foo", Requirement.Operator.IN, "abc"));
		assertThat(parse("x notin\n (abc)").requirements()).containsExactly(req("x", Requirement.Operator.NOT_IN, "abc"));
		assertThat(parse("x in (abc,)").requirements()).containsExactly(req("x", Requirement.Operator.IN, "abc", ""));
		assertThat(parse("x in ()").requirements()).containsExactly(req("x", Requirement.Operator.IN, ""));
		assertThat(parse("x notin (abc,,def),bar,z in (),w").requirements()).containsExactly(
				req("bar", Requirement.Operator.EXISTS), req("w", Requirement.Operator.EXISTS),
				req("x", Requirement.Operator.NOT_IN, "abc", "", "def"), req("z", Requirement.Operator.IN, ""));
		assertThat(parse("x notin ( )").requirements()).containsExactly(req("x", Requirement.Operator.NOT_IN, ""));
		assertThat(parse("x notin (, a)").requirements()).containsExactly(req("x", Requirement.Operator.NOT_IN, "", "a"));
		assertThat(parse("a in (x,y,notin, z,in)").requirements())
				.containsExactly(req("a", Requirement.Operator.IN, "in", "notin", "x", "y", "z"));
		assertThat(parse("x=a,y!=b,z in (h,i,j)").requirements()).containsExactly(req("x", Requirement.Operator.EQUALS, "a"),
				req("y", Requirement.Operator.NOT_EQUALS, "b"), req("z", Requirement.Operator.IN, "h", "i", "j"));
		assertThat(parse("x in (abc,def),y notin (jkl),z").toString()).isEqualTo("x in (abc,def),y notin (jkl),z");
	}

	@Test
	void refusesKeysAndValuesThatAreNotLabelSyntax() {
		assertThatThrownBy(() -> parse("a".repeat(254))).isInstanceOf(InvalidQuery.class);
		assertThatThrownBy(() -> parse("foo>bar")).isInstanceOf(InvalidQuery.class);
		assertThatThrownBy(() -> parse("x=" + "v".repeat(64))).isInstanceOf(InvalidQuery.class);
		assertThatThrownBy(() -> parse("Bad_Prefix.com/x")).isInstanceOf(InvalidQuery.class);
		assertThat(parse("1foo in (bar),1234 in (bar),y>1,z<6").requirements()).hasSize(4);
	}

	@Test
	void matchesAsKubernetesDoes() {
		expect("", Map.of("x", "y"), true);
		expect("x=y", Map.of("x", "y"), true);
		expect("x=y,z=w", Map.of("x", "y", "z", "w"), true);
		expect("x!=y,z!=w", Map.of("x", "z", "z", "a"), true);
		expect("notin=in", Map.of("notin", "in"), true);
		expect("x", Map.of("x", "z"), true);
		expect("!x", Map.of("y", "z"), true);
		expect("x>1", Map.of("x", "2"), true);
		expect("x<1", Map.of("x", "0"), true);
		expect("x=z", Map.of(), false);
		expect("x=y", Map.of("x", "z"), false);
		expect("x=y,z=w", Map.of("x", "w", "z", "w"), false);
		expect("x!=y,z!=w", Map.of("x", "z", "z", "w"), false);
		expect("x", Map.of("y", "z"), false);
		expect("!x", Map.of("x", "z"), false);
		expect("x>1", Map.of("x", "0"), false);
		expect("x<1", Map.of("x", "2"), false);
		Map<String, String> labelset = Map.of("foo", "bar", "baz", "blah");
		expect("foo=bar", labelset, true);
		expect("baz=blah", labelset, true);
		expect("foo=bar,baz=blah", labelset, true);
		expect("foo=blah", labelset, false);
		expect("baz=bar", labelset, false);
		expect("foo=bar,foobar=bar,baz=blah", labelset, false);
		// TestRequirementSelectorMatching
		expect("x in (foo),y notin (alpha)", Map.of("x", "foo", "y", "baz"), true);
		expect("x in (foo),y in (alpha)", Map.of("x", "foo", "y", "baz"), false);
		expect("x notin (),y", Map.of("y", ""), true);
		expect("!x,y", Map.of("y", ""), true);
		expect("x notin (),!y", Map.of("y", ""), false);
		expect("x in ()", Map.of("y", "baz"), false);
		expect("z>1", Map.of("z", "2"), true);
		expect("z>1", Map.of("z", "v2"), false);
		// the example
		expect("env=prod,tier in (web,api),!canary,team", Map.of("env", "prod", "tier", "api", "team", "net"), true);
		expect("env=prod,tier in (web,api),!canary,team", Map.of("env", "prod", "tier", "api", "team", "net",
				"canary", "true"), false);
	}

	@Test
	void anErrorNamesThePositionWhereParsingStoppedAndWhatWasExpected() {
		assertThatThrownBy(() -> parse("env=prod,tier in (web api)"))
				.isInstanceOf(InvalidQuery.class)
				.hasMessageContaining("at position 22")
				.hasMessageContaining("found 'api', expected ',' or ')'")
				.satisfies(e -> assertThat(((InvalidQuery) e).properties()).containsEntry("position", 22)
						.containsEntry("field", "labelSelector"));
		assertThatThrownBy(() -> parse("env=prod,")).hasMessageContaining("at position 9")
				.hasMessageContaining("found the end of the selector");
	}

	@Test
	void theIndexableRequirementIsAnEqualityOrSetWithTheFewestValues() {
		assertThat(parse("!canary,tier in (web,api),env=prod").byValue()).contains(req("env", Requirement.Operator.EQUALS,
				"prod"));
		assertThat(parse("!canary,env!=prod,team").byValue()).isEmpty();
	}

	private static void expect(String selector, Map<String, String> labels, boolean match) {
		assertThat(parse(selector).matches(labels)).as("%s matches %s", selector, labels).isEqualTo(match);
	}

	private static Requirement req(String key, Requirement.Operator operator, String... values) {
		return new Requirement(key, operator, List.of(values));
	}
}
