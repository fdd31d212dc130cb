-- Signing keys encrypted at rest (issue 12): a private key is stored either sealed under the
-- operator's key-encryption key (AES-256-GCM, `kek1.<kek id>.<base64url>`) or, only where the
-- operator allowed plain text, as PKCS#8 PEM; never both. Plain rows are sealed by the first
-- instance that starts with a key-encryption key. The data-protection key ring needs no change:
-- its sealed secrets are XML inside the `xml` column.
alter table signing_keys alter column private_key_pem drop not null;
alter table signing_keys add column private_key_sealed text;
alter table signing_keys add constraint signing_keys_one_form
    check ((private_key_pem is null) <> (private_key_sealed is null));
-- Housekeeping deletes retired keys once no token they signed can still be live.
create index signing_keys_publish_until on signing_keys (publish_until) where retired_at is not null;
