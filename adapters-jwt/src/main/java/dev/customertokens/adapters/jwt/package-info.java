/**
 * The token codec: compact JWS signed and verified with the JDK's {@code Mac} and {@code Signature}, JWKs on Nimbus
 * JOSE+JWT. Which type is what:
 *
 * <table>
 *   <caption>The types of this package</caption>
 *   <tr><th>type</th><th>what it is</th></tr>
 *   <tr><td>{@link JwtTokenCodec}</td><td>the {@code TokenCodec} port: signs, verifies, serves the JWKS</td></tr>
 *   <tr><td>{@link JwtSettings}</td><td>its configuration, made with {@link JwtSettings#builder()}</td></tr>
 *   <tr><td>{@link Hs256Secret}</td><td>an HS256 shared secret, signing or retired</td></tr>
 *   <tr><td>{@link SigningKeyPair}</td><td>the RS256 or EdDSA key that signs: a private key and its public
 *       half</td></tr>
 *   <tr><td>{@link PublicVerificationKey}</td><td>an RS256 or EdDSA public key that verifies: the signing key's
 *       public half, or a retired key</td></tr>
 *   <tr><td>{@code KeyRing}</td><td>internal: every key of the settings by {@code kid}, each pinned to its
 *       algorithm, with a {@code Mac} or {@code Signature} per thread</td></tr>
 *   <tr><td>{@link KeyFileException}</td><td>a PEM key file that cannot be used, naming the file and why</td></tr>
 *   <tr><td>{@link IssuerOrigins}</td><td>the origin of an issuer URL, as trusted issuers are compared</td></tr>
 * </table>
 *
 * <p>The rest is internal: {@code PemKeyFiles} reads PEM files, {@code JwsHeader} and {@code ClaimsJson} the two JSON
 * parts ({@code ConfirmationClaim} the {@code cnf} of a bound session), {@code StrictJson} and {@code Base64Url} what
 * they share. Why the codec stands on the JDK rather than a JOSE library:
 * {@code docs/decisions/0011-jws-on-jdk-crypto.md}. DPoP proofs, which come from clients in four algorithms, are read
 * with Nimbus's verifiers in the sub-package {@code dpop}, beside the server nonces.
 */
package dev.customertokens.adapters.jwt;
