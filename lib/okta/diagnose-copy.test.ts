import { describe, expect, it } from 'vitest';
import { explainKidInvalid, PROBLEM_COPY } from './diagnose-copy';

const said = 'Okta answered: "The client_assertion JWT kid is invalid."';
const clientId = '0oar95zt9zIpYuz6A0h7';
const thumbprint = 'XUl71vpgPXgxSTCYHbvbEHDrtj-adpVcxXH3TKjKe7w';

describe('explainKidInvalid', () => {
  it('names the KID entered and the pasted key’s thumbprint when they differ, and starts the fix with the KID', () => {
    const r = explainKidInvalid({ said, clientId, entered: 'not-the-kid', thumbprint });
    expect(r.cause).toContain(said);
    expect(r.cause).toContain('"not-the-kid" entered');
    expect(r.cause).toContain(clientId);
    expect(r.cause).toContain(`RFC 7638 thumbprint`);
    expect(r.cause).toContain(thumbprint);
    expect(r.fix[0]).toMatch(/^Check the KID first/);
    expect(r.fix[0]).toContain(thumbprint);
    expect(r.fix.at(-1)).toMatch(/passed the console's own checks: paste it again only if/);
    expect(r.fix.join(' ')).not.toMatch(/BEGIN|copied in full/);
  });

  it('says the KID does name the key (its thumbprint) when it does: the key is what is missing in Okta', () => {
    const r = explainKidInvalid({ said, clientId, entered: thumbprint, thumbprint });
    expect(r.cause).toMatch(/is the pasted key's RFC 7638 thumbprint, so KID and key agree/);
    expect(r.fix[0]).toMatch(/^The KID is right for this key/);
    expect(r.fix[0]).toMatch(/Active/);
  });

  it("compares the KID with a pasted JWK's own kid", () => {
    const differs = explainKidInvalid({ said, clientId, entered: 'typed-kid', jwkKid: 'jwk-kid', thumbprint });
    expect(differs.cause).toContain('names its own kid "jwk-kid"');
    expect(differs.fix[0]).toMatch(/^Change Key ID \(KID\) to the pasted key's own "jwk-kid"/);

    const same = explainKidInvalid({ said, clientId, entered: 'jwk-kid', jwkKid: 'jwk-kid', thumbprint });
    expect(same.cause).toMatch(/is the pasted JWK's own kid, so KID and key agree/);

    const fromJwk = explainKidInvalid({ said, clientId, jwkKid: 'jwk-kid', thumbprint });
    expect(fromJwk.cause).toContain('"jwk-kid" taken from the pasted JWK');
  });

  it('says no KID was sent when none was entered and the key has none', () => {
    const r = explainKidInvalid({ said, clientId, thumbprint });
    expect(r.cause).toMatch(/No KID was entered/);
    expect(r.fix[0]).toMatch(/^Enter the KID/);
  });

  it('has copy for the code', () => {
    expect(PROBLEM_COPY.kid_invalid.title).toMatch(/KID/);
  });
});
