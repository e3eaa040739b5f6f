import { describe, expect, it } from 'vitest';
import { renderTemplateClaims } from './render-template-claims.js';

const data = {
  user: {
    id: 'user_1',
    first_name: 'Alice',
    last_name: 'Admin',
    username: 'alice',
    primary_email_address: 'alice@example.com',
    public_metadata: { subscription: { tier: 'pro' } },
  },
  org: { id: 'org_1', slug: 'acme', role: 'org:admin' },
};

describe('renderTemplateClaims', () => {
  it('replaces a whole-string shortcode with the value itself, objects included', () => {
    expect(
      renderTemplateClaims({ uid: '{{user.id}}', meta: '{{user.public_metadata}}', role: '{{org.role}}' }, data),
    ).toEqual({ uid: 'user_1', meta: { subscription: { tier: 'pro' } }, role: 'org:admin' });
  });

  it('interpolates shortcodes inside text and walks nested objects and arrays', () => {
    expect(
      renderTemplateClaims(
        { profile: { name: '{{user.first_name}} {{user.last_name}}', tags: ['{{org.slug}}', 'static'] }, n: 3 },
        data,
      ),
    ).toEqual({ profile: { name: 'Alice Admin', tags: ['acme', 'static'] }, n: 3 });
  });

  it('walks nested metadata paths and resolves missing values to null', () => {
    expect(
      renderTemplateClaims(
        { tier: '{{user.public_metadata.subscription.tier}}', nope: '{{user.public_metadata.x.y}}' },
        data,
      ),
    ).toEqual({ tier: 'pro', nope: null });
  });

  it('takes the first alternative that resolves', () => {
    expect(
      renderTemplateClaims({ a: "{{user.public_metadata.plan || 'free'}}", b: '{{org.missing || org.slug}}' }, data),
    ).toEqual({ a: 'free', b: 'acme' });
  });

  it('does not read inherited properties', () => {
    expect(renderTemplateClaims({ x: '{{user.constructor}}' }, data)).toEqual({ x: null });
  });
});
