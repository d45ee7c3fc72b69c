import { thrown } from '../../helpers/files';
import { compileTemplate, TemplateError } from '../../../src/scenario/template';

const context = {
  session: {
    id: 'S1',
    state: 'Chatting',
    count: 2,
    open: true,
    nothing: null,
    userData: { FirstName: 'Vitaliy', ServiceObjective: 0 },
    participants: [
      { nickname: 'VitaliyOnv', id: 'P0' },
      { nickname: 'TestName', id: 'P1' },
    ],
  },
  referenceId: 7,
  vars: { state: 'LeftChat' },
};

const render = (template: unknown) => compileTemplate(template).render(context);

const templateError = (call: () => unknown) => thrown(TemplateError, call);

describe('compileTemplate', () => {
  describe('a string that is exactly one placeholder keeps the JSON type', () => {
    it.each<[string, unknown]>([
      ['{{session.userData}}', { FirstName: 'Vitaliy', ServiceObjective: 0 }],
      ['{{referenceId}}', 7],
      ['{{session.participants}}', context.session.participants],
      ['{{session.nothing}}', null],
      ['{{session.open}}', true],
      ['{{session.state}}', 'Chatting'],
      ['{{ session.count }}', 2],
    ])('%s', (template, value) => {
      expect(render(template)).toEqual(value);
    });

    it('gives the value itself, not text', () => {
      expect(typeof render('{{referenceId}}')).toBe('number');
      expect(render('{{session.nothing}}')).toBeNull();
    });
  });

  it('interpolates placeholders inside text', () => {
    expect(render('/facebooksessions/{{session.id}}')).toBe('/facebooksessions/S1');
    expect(render('{{session.state}} -> {{vars.state}} #{{referenceId}} {{session.open}}')).toBe('Chatting -> LeftChat #7 true');
    expect(render(' {{referenceId}}')).toBe(' 7');
  });

  it('follows [index] paths', () => {
    expect(render('{{session.participants[1].nickname}}')).toBe('TestName');
    expect(render('{{session.participants[0]}}')).toEqual({ nickname: 'VitaliyOnv', id: 'P0' });
    expect(render('by {{session.participants[0].id}}')).toBe('by P0');
  });

  it.each<[string, unknown]>([
    ['plain text', 'Chatting'],
    ['a number', 42],
    ['a boolean', false],
    ['null', null],
    ['single braces', '{session.id}'],
    ['an empty string', ''],
  ])('leaves %s untouched', (_what, literal) => {
    expect(render(literal)).toEqual(literal);
  });

  it('renders nested objects and arrays, keeping key order', () => {
    const template = {
      z: '{{referenceId}}',
      a: ['{{session.state}}', { y: 1, b: '{{session.participants[1].id}}' }, ['x', '{{session.nothing}}']],
      m: { literal: 'text', id: 'id={{session.id}}' },
    };
    const out = render(template);
    expect(out).toEqual({
      z: 7,
      a: ['Chatting', { y: 1, b: 'P1' }, ['x', null]],
      m: { literal: 'text', id: 'id=S1' },
    });
    expect(Object.keys(out as object)).toEqual(['z', 'a', 'm']);
    expect(Object.keys((out as { a: [unknown, object] }).a[1])).toEqual(['y', 'b']);
  });

  it('renders again with a new context each time', () => {
    const template = compileTemplate({ at: '{{now}}' });
    expect(template.render({ now: 1 })).toEqual({ at: 1 });
    expect(template.render({ now: 2 })).toEqual({ at: 2 });
  });

  it('does not share rendered objects with the template source', () => {
    const source = { list: ['a'] };
    const out = compileTemplate(source).render({}) as { list: string[] };
    out.list.push('b');
    expect(source.list).toEqual(['a']);
  });

  describe('an unknown path', () => {
    it('throws a TemplateError naming the path and the keys available at the root', () => {
      const error = templateError(() => render('{{sesion.state}}'));
      expect(error.message).toContain('{{sesion.state}}');
      expect(error.message).toContain("'sesion'");
      expect(error.message).toContain('session, referenceId, vars');
    });

    it('names where the lookup stopped and the keys there', () => {
      const error = templateError(() => render('x {{session.nope}}'));
      expect(error.message).toContain('{{session.nope}}');
      expect(error.message).toContain("'session' has no 'nope'");
      expect(error.message).toContain('id, state, count, open, nothing, userData, participants');
    });

    it('refuses an index past the end of an array', () => {
      const error = templateError(() => render('{{session.participants[5].id}}'));
      expect(error.message).toContain("no '5'");
    });

    it('refuses a path through a value that is not an object', () => {
      const error = templateError(() => render('{{session.state.length}}'));
      expect(error.message).toContain('a string');
    });

    it('refuses inherited properties', () => {
      templateError(() => render('{{session.toString}}'));
    });
  });

  it.each([
    ['an object', 'data: {{session.userData}}', 'object'],
    ['an array', 'list: {{session.participants}}', 'object'],
    ['null', 'nothing: {{session.nothing}}', 'null'],
  ])('refuses %s spliced into text', (_what, template, kind) => {
    const error = templateError(() => render(template));
    expect(error.message).toContain('inside text');
    expect(error.message).toContain(kind);
  });

  it.each(['{{a..b}}', '{{1x}}', '{{}}', 'text {{a b}}', '{{a[x]}}', '{{a.}}', '{{[0]}}'])('refuses the malformed placeholder %s when compiling', (template) => {
    const error = templateError(() => compileTemplate({ nested: [template] }));
    expect(error.message).toContain('is not a path');
  });

  it.each(['{{session.id}', 'x {{ y', 'a {{b}} and {{c'])('refuses the unclosed placeholder in %s when compiling', (template) => {
    const error = templateError(() => compileTemplate({ nested: [template] }));
    expect(error.message).toContain('not closed');
  });

  it('lists its placeholders, in order, spaces trimmed', () => {
    const template = compileTemplate({
      a: '{{session.id}}',
      b: ['x {{ vars.state }} y {{referenceId}}'],
      c: { d: '{{session.participants[0].nickname}}' },
      e: 'no placeholder',
      f: 3,
    });
    expect(template.placeholders).toEqual(['session.id', 'vars.state', 'referenceId', 'session.participants[0].nickname']);
  });

  it('lists no placeholders for a literal', () => {
    expect(compileTemplate({ a: 'text', b: [1, null] }).placeholders).toEqual([]);
  });
});
