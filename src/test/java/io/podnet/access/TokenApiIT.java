package io.podnet.access;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api;
import io.podnet.support.Api.Reply;
import io.podnet.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tokens as an admin manages them: secrets shown once and stored as hashes, revocation, refusals. */
class TokenApiIT extends IntegrationTest {

	@Test
	void aSecretIsShownOnceAndStoredOnlyAsItsHash() throws Exception {
		Reply created = api.post("/api/v1/tokens", json("{'name':'ci','role':'editor','clusters':['demo','b']}"));
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.location()).endsWith("/api/v1/tokens/ci");
		String secret = created.text("secret");
		assertThat(secret).startsWith("podnet_");
		assertThat(Base64.getUrlDecoder().decode(secret.substring("podnet_".length()))).as("256 random bits").hasSize(32);
		assertThat(created.json().path("clusters").toString()).isEqualTo("[\"b\",\"demo\"]");

		Reply shown = api.get("/api/v1/tokens/ci");
		assertThat(shown.status()).isEqualTo(200);
		assertThat(shown.body()).doesNotContain(secret).doesNotContain("secret");
		assertThat(shown.text("role")).isEqualTo("editor");
		assertThat(shown.text("createdBy")).isEqualTo("admin");
		assertThat(api.get("/api/v1/tokens").body()).doesNotContain(secret).doesNotContain("\"secret\"");

		List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM api_token WHERE name = 'ci'");
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0).values().toString()).doesNotContain(secret);
		String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
		assertThat(String.valueOf(rows.get(0).get("secret_hash")).strip()).isEqualTo(sha256);

		assertThat(api.withToken(secret).get("/api/v1/clusters").status()).isEqualTo(200);
	}

	@Test
	void badRequestsAreRefusedAndChangeNothing() {
		api.post("/api/v1/tokens", json("{'name':'taken','role':'viewer'}"));
		assertThat(api.post("/api/v1/tokens", json("{'name':'taken','role':'admin'}")).status()).isEqualTo(409);
		Reply role = api.post("/api/v1/tokens", json("{'name':'x','role':'root'}"));
		assertThat(role.status()).isEqualTo(422);
		assertThat(role.body()).contains("\"field\":\"role\"").contains("root");
		Reply scopedAdmin = api.post("/api/v1/tokens", json("{'name':'x','role':'admin','clusters':['demo']}"));
		assertThat(scopedAdmin.status()).isEqualTo(422);
		assertThat(scopedAdmin.text("field")).isEqualTo("clusters");
		assertThat(api.post("/api/v1/tokens", json("{'name':'Bad_Name','role':'viewer'}")).status()).isEqualTo(422);
		assertThat(api.post("/api/v1/tokens", json("{'name':'x','role':'viewer','clusters':['a b']}")).status()).isEqualTo(422);
		assertThat(api.post("/api/v1/tokens", json("{'name':'x','role':'viewer','secret':'mine'}")).status()).isEqualTo(400);
		assertThat(jdbc.queryForObject("SELECT count(*) FROM api_token", Long.class)).isEqualTo(2);
		assertThat(api.get("/api/v1/tokens/none").status()).isEqualTo(404);
		assertThat(api.delete("/api/v1/tokens/none").status()).isEqualTo(404);
	}

	@Test
	void theLastAdminTokenCannotBeRevoked() {
		Reply last = api.delete("/api/v1/tokens/admin");
		assertThat(last.status()).isEqualTo(409);
		assertThat(last.text("detail")).contains("last admin token");
		String second = api.post("/api/v1/tokens", json("{'name':'admin-2','role':'admin'}")).text("secret");
		assertThat(api.withToken(second).delete("/api/v1/tokens/admin").status()).isEqualTo(204);
		assertThat(api.withToken(second).delete("/api/v1/tokens/admin-2").status()).isEqualTo(409);
	}

	@Test
	void aRevokedTokenIsRefusedAtOnceHereAndWithinASecondOnEveryReplica() throws Exception {
		String here = api.post("/api/v1/tokens", json("{'name':'here','role':'viewer'}")).text("secret");
		Api caller = api.withToken(here);
		assertThat(caller.get("/api/v1/clusters").status()).isEqualTo(200);
		assertThat(api.delete("/api/v1/tokens/here").status()).isEqualTo(204);
		Reply refused = caller.get("/api/v1/clusters");
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.wwwAuthenticate()).contains("error=\"invalid_token\"");

		// another replica revokes it: this one learns only from the database
		String elsewhere = api.post("/api/v1/tokens", json("{'name':'elsewhere','role':'viewer'}")).text("secret");
		Api other = api.withToken(elsewhere);
		assertThat(other.get("/api/v1/clusters").status()).isEqualTo(200);
		long revoked = System.nanoTime();
		jdbc.update("DELETE FROM api_token WHERE name = 'elsewhere'");
		while (other.get("/api/v1/clusters").status() == 200) {
			assertThat((System.nanoTime() - revoked) / 1_000_000).as("ms until refused").isLessThan(1_500);
			Thread.sleep(20);
		}
		long millis = (System.nanoTime() - revoked) / 1_000_000;
		System.out.println("token revoked on another replica: refused here after " + millis + " ms");
		assertThat(millis).as("within a second").isLessThan(1_000);
	}
}
