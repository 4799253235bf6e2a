/**
 * The Salesforce package source tree in resources/salesforce (issue 13, "Writes"): every
 * XML file is well-formed (a small hand-written reader: Node has no XML parser and we add
 * no dependency), every object carries the unique external id Partnerbook_Id__c, the
 * permission set grants every custom field the format lets it grant, and mapping.json maps
 * every field of the client-editable entities onto a field that exists, with the same
 * nullability and the same picklist values as src-shared/domain/entities.ts. The README's
 * mapping table says the same as mapping.json.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ENTITIES, type EditableEntityName } from '../../../src-shared/domain/entities';

const ROOT = join(__dirname, '../../../resources/salesforce');
const DEFAULT = join(ROOT, 'force-app/main/default');
const NS = 'http://soap.sforce.com/2006/04/metadata';

// ---------------------------------------------------------------- a tiny XML reader

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITY_REFS = ['amp;', 'lt;', 'gt;', 'quot;', 'apos;'];
const isSpace = (c: string): boolean => c === ' ' || c === '\n' || c === '\r' || c === '\t';
const isNameChar = (c: string): boolean =>
  (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_' || c === '-' || c === '.' || c === ':';

function decode(raw: string, where: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charAt(i);
    if (c === '<') throw new Error(`${where}: '<' inside text`);
    if (c !== '&') {
      out += c;
      continue;
    }
    const ref = ENTITY_REFS.find((r) => raw.startsWith(r, i + 1));
    if (!ref) throw new Error(`${where}: '&' that is not one of the five predefined entities`);
    out += { 'amp;': '&', 'lt;': '<', 'gt;': '>', 'quot;': '"', 'apos;': "'" }[ref];
    i += ref.length;
  }
  return out;
}

/** Parses a whole document: a prolog, exactly one root element, balanced tags, quoted attributes. */
function parseXml(source: string, where: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const fail = (why: string): never => {
    throw new Error(`${where}: ${why} (at character ${i})`);
  };
  const readName = (): string => {
    const start = i;
    while (i < source.length && isNameChar(source.charAt(i))) i++;
    if (i === start) fail('expected a name');
    return source.slice(start, i);
  };
  const skipSpace = (): void => {
    while (i < source.length && isSpace(source.charAt(i))) i++;
  };

  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const text = source.slice(i, lt === -1 ? source.length : lt);
    const parent = stack.at(-1);
    if (parent) parent.text += decode(text, where);
    else if ([...text].some((c) => !isSpace(c))) fail('text outside the root element');
    if (lt === -1) break;
    i = lt;
    if (source.startsWith('<?', i)) {
      if (root || stack.length > 0) fail('processing instruction after the root started');
      const end = source.indexOf('?>', i);
      if (end === -1) fail('unterminated <?');
      i = end + 2;
    } else if (source.startsWith('<!--', i)) {
      const end = source.indexOf('-->', i);
      if (end === -1) fail('unterminated comment');
      i = end + 3;
    } else if (source.startsWith('<!', i)) {
      fail('DOCTYPE or CDATA is not expected in metadata');
    } else if (source.startsWith('</', i)) {
      i += 2;
      const name = readName();
      skipSpace();
      if (source.charAt(i) !== '>') fail(`expected '>' closing </${name}`);
      i++;
      const open = stack.pop();
      if (!open) fail(`</${name}> without an open element`);
      if (open!.name !== name) fail(`</${name}> closes <${open!.name}>`);
    } else {
      i++;
      const element: XmlElement = { name: readName(), attributes: {}, children: [], text: '' };
      for (;;) {
        skipSpace();
        if (source.startsWith('/>', i) || source.charAt(i) === '>') break;
        const attr = readName();
        skipSpace();
        if (source.charAt(i) !== '=') fail(`attribute ${attr} without a value`);
        i++;
        skipSpace();
        const quote = source.charAt(i);
        if (quote !== '"' && quote !== "'") fail(`attribute ${attr} value is not quoted`);
        const end = source.indexOf(quote, i + 1);
        if (end === -1) fail(`unterminated value of ${attr}`);
        if (attr in element.attributes) fail(`attribute ${attr} twice`);
        element.attributes[attr] = decode(source.slice(i + 1, end), where);
        i = end + 1;
        if (i >= source.length) fail('unterminated start tag');
      }
      const selfClosing = source.startsWith('/>', i);
      i += selfClosing ? 2 : 1;
      const open = stack.at(-1);
      if (open) open.children.push(element);
      else if (root) fail('a second root element');
      else root = element;
      if (!selfClosing) stack.push(element);
    }
  }
  const unclosed = stack.at(-1);
  if (unclosed) fail(`<${unclosed.name}> is never closed`);
  if (!root) fail('no root element');
  return root!;
}

const kids = (e: XmlElement, name: string): XmlElement[] => e.children.filter((c) => c.name === name);
function one(e: XmlElement, name: string): XmlElement | undefined {
  const found = kids(e, name);
  if (found.length > 1) throw new Error(`<${e.name}> has ${found.length} <${name}>`);
  return found[0];
}
const val = (e: XmlElement, name: string): string | undefined => {
  const c = one(e, name);
  return c === undefined ? undefined : c.text.trim();
};

// ---------------------------------------------------------------- the tree on disk

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

interface FieldMeta {
  name: string;
  type: string;
  xml: XmlElement;
  required: boolean;
}
interface ObjectMeta {
  name: string;
  xml: XmlElement;
  fields: Map<string, FieldMeta>;
}

const xmlFiles = walk(ROOT).filter((p) => p.endsWith('.xml'));
/** A file that does not parse is reported by the first test; an empty element stands in for it. */
const parseErrors: string[] = [];
const parsed = new Map(
  xmlFiles.map((p): [string, XmlElement] => {
    try {
      return [p, parseXml(readFileSync(p, 'utf8'), relative(ROOT, p))];
    } catch (e) {
      parseErrors.push((e as Error).message);
      return [p, { name: '', attributes: {}, children: [], text: '' }];
    }
  }),
);

const objects = new Map<string, ObjectMeta>();
for (const name of readdirSync(join(DEFAULT, 'objects'))) {
  const dir = join(DEFAULT, 'objects', name);
  const fields = new Map<string, FieldMeta>();
  for (const file of readdirSync(join(dir, 'fields'))) {
    const xml = parsed.get(join(dir, 'fields', file))!;
    const fieldName = val(xml, 'fullName') ?? '';
    fields.set(fieldName, { name: fieldName, type: val(xml, 'type') ?? '', xml, required: val(xml, 'required') === 'true' });
  }
  objects.set(name, { name, xml: parsed.get(join(dir, `${name}.object-meta.xml`))!, fields });
}
const permset = parsed.get(join(DEFAULT, 'permissionsets/Partnerbook_User.permissionset-meta.xml'))!;

interface FieldMapping {
  field: string;
  type: string;
  nullable: boolean;
  by?: string;
  to?: string;
  relationship?: string;
}
interface EntityMapping {
  object: string;
  where: string | null;
  set: Record<string, string>;
  fields: Record<string, FieldMapping>;
  extraFields: Record<string, string>;
}
const mapping = JSON.parse(readFileSync(join(ROOT, 'mapping.json'), 'utf8')) as { externalIdField: string; entities: Record<EditableEntityName, EntityMapping> };
const EDITABLE: EditableEntityName[] = ['jbp', 'jbp_objective', 'jbp_initiative', 'qbr_note', 'action_state', 'note'];
const SYSTEM_FIELDS = new Set(['LastModifiedDate', 'CreatedDate', 'SystemModstamp']);

const shapeOf = (entity: EditableEntityName): Record<string, z.ZodType> =>
  (ENTITIES[entity].schema as unknown as { shape: Record<string, z.ZodType> }).shape;
function fieldSchema(entity: EditableEntityName, field: string): z.ZodType {
  const schema = shapeOf(entity)[field];
  if (!schema) throw new Error(`${entity} has no field ${field}`);
  return schema;
}

/** The options of an enum field, through nullable/default wrappers; undefined when it is no enum. */
function enumOptions(schema: z.ZodType): string[] | undefined {
  let s = schema as unknown as { options?: unknown; unwrap?: () => unknown };
  for (let depth = 0; depth < 5 && !Array.isArray(s.options) && typeof s.unwrap === 'function'; depth++) s = s.unwrap() as typeof s;
  return Array.isArray(s.options) ? (s.options as string[]) : undefined;
}

const picklistValues = (f: FieldMeta): string[] =>
  kids(one(one(f.xml, 'valueSet')!, 'valueSetDefinition')!, 'value').map((v) => val(v, 'fullName') ?? '');

// ---------------------------------------------------------------- tests

describe('Salesforce package source tree (resources/salesforce)', () => {
  it('has well-formed XML everywhere, each file a metadata document named after its component', () => {
    expect(xmlFiles.length).toBeGreaterThan(50);
    expect(parseErrors).toEqual([]);
    for (const [path, root] of parsed) {
      const rel = relative(ROOT, path);
      expect(root.attributes.xmlns, rel).toBe(NS);
      expect(readFileSync(path, 'utf8').startsWith('<?xml version="1.0" encoding="UTF-8"?>'), rel).toBe(true);
      if (rel.includes('/fields/')) {
        expect(root.name, rel).toBe('CustomField');
        expect(`${val(root, 'fullName')}.field-meta.xml`, rel).toBe(path.split('/').pop());
      } else if (rel.endsWith('.object-meta.xml')) {
        expect(root.name, rel).toBe('CustomObject');
      } else {
        expect(root.name, rel).toBe('PermissionSet');
      }
    }
  });

  it('the reader rejects what is not well-formed', () => {
    const bad = [
      '<a><b></a></b>',
      '<a>',
      '<a></a><b></b>',
      'x<a></a>',
      '<a x=1></a>',
      '<a>&nbsp;</a>',
      '<a><b>1 < 2</b></a>',
      '<a><!-- open </a>',
    ];
    for (const doc of bad) expect(() => parseXml(doc, doc), doc).toThrow();
    const ok = parseXml('<?xml version="1.0"?>\n<a k="v"><b>x &amp; y</b><c/><!-- note --></a>\n', 'ok');
    expect([ok.name, ok.attributes.k, val(ok, 'b'), ok.children.length]).toEqual(['a', 'v', 'x & y', 2]);
  });

  it('declares the project: one package directory force-app, no namespace, API 61.0, package Partnerbook', () => {
    const project = JSON.parse(readFileSync(join(ROOT, 'sfdx-project.json'), 'utf8')) as {
      packageDirectories: { path: string; default?: boolean; package?: string; versionNumber?: string }[];
      namespace: string;
      sourceApiVersion: string;
    };
    expect(project.packageDirectories).toHaveLength(1);
    expect(project.packageDirectories[0]).toMatchObject({ path: 'force-app', default: true, package: 'Partnerbook' });
    expect(project.packageDirectories[0]?.versionNumber).toMatch(/^\d+\.\d+\.\d+\.NEXT$/);
    expect(project.namespace).toBe('');
    expect(project.sourceApiVersion).toBe('61.0');
  });

  it('defines the five objects with history, an auto-number name and a sharing model that fits', () => {
    expect([...objects.keys()].sort()).toEqual([
      'Partnerbook_Action_State__c',
      'Partnerbook_Initiative__c',
      'Partnerbook_Note__c',
      'Partnerbook_Objective__c',
      'Partnerbook_Plan__c',
    ]);
    for (const o of objects.values()) {
      const name = one(o.xml, 'nameField')!;
      expect(val(name, 'type'), o.name).toBe('AutoNumber');
      expect(val(name, 'displayFormat'), o.name).toContain('{0');
      expect(val(o.xml, 'enableHistory'), o.name).toBe('true');
      expect(val(o.xml, 'deploymentStatus'), o.name).toBe('Deployed');
      expect(val(o.xml, 'label')!.length, o.name).toBeLessThanOrEqual(40);
      const hasMaster = [...o.fields.values()].some((f) => f.type === 'MasterDetail');
      if (hasMaster) {
        expect([val(o.xml, 'sharingModel'), val(o.xml, 'externalSharingModel')], o.name).toEqual(['ControlledByParent', 'ControlledByParent']);
      } else {
        expect(['ReadWrite', 'Private'], o.name).toContain(val(o.xml, 'sharingModel'));
        expect(['Read', 'Private'], o.name).toContain(val(o.xml, 'externalSharingModel'));
      }
      // The Bulk API, sharing and streaming switches go together (all on: bulk queries for big books).
      expect([val(o.xml, 'enableBulkApi'), val(o.xml, 'enableSharing'), val(o.xml, 'enableStreamingApi')], o.name).toEqual(['true', 'true', 'true']);
      const tracked = [...o.fields.values()].filter((f) => val(f.xml, 'trackHistory') === 'true');
      expect(tracked.length, o.name).toBeLessThanOrEqual(20);
    }
  });

  it('gives every object the external id Partnerbook_Id__c: text, unique, case-sensitive, not required', () => {
    for (const o of objects.values()) {
      const id = o.fields.get('Partnerbook_Id__c');
      expect(id, o.name).toBeDefined();
      expect(
        [id!.type, val(id!.xml, 'externalId'), val(id!.xml, 'unique'), val(id!.xml, 'caseSensitive'), val(id!.xml, 'required'), val(id!.xml, 'length')],
        o.name,
      ).toEqual(['Text', 'true', 'true', 'true', 'false', '64']);
    }
  });

  it('keeps each field inside the limits of its type', () => {
    for (const o of objects.values()) {
      for (const f of o.fields.values()) {
        const at = `${o.name}.${f.name}`;
        expect(f.name.endsWith('__c'), at).toBe(true);
        expect(val(f.xml, 'label')!.length, at).toBeLessThanOrEqual(40);
        expect(val(f.xml, 'description')?.length ?? 0, at).toBeGreaterThan(0);
        if (f.type === 'Text') expect(Number(val(f.xml, 'length')), at).toBeLessThanOrEqual(255);
        if (f.type === 'LongTextArea') expect(Number(val(f.xml, 'length')), at).toBeGreaterThan(255);
        if (f.type === 'Number' || f.type === 'Currency') {
          expect(Number(val(f.xml, 'precision')), at).toBeLessThanOrEqual(18);
          expect(Number(val(f.xml, 'scale')), at).toBeLessThanOrEqual(Number(val(f.xml, 'precision')));
        }
        if (f.type === 'Lookup' || f.type === 'MasterDetail') {
          expect(val(f.xml, 'referenceTo'), at).toBeTruthy();
          expect(val(f.xml, 'relationshipName'), at).toBeTruthy();
        }
        if (f.type === 'Lookup') {
          // SetNull needs an optional lookup; a required one would have to be Restrict.
          expect([val(f.xml, 'deleteConstraint'), f.required], at).toEqual(['SetNull', false]);
        }
        if (f.type === 'MasterDetail') {
          expect(o.name === 'Partnerbook_Objective__c' || o.name === 'Partnerbook_Initiative__c', at).toBe(true);
          expect(val(f.xml, 'referenceTo'), at).toBe('Partnerbook_Plan__c');
        }
        if (f.type === 'Picklist') expect(val(one(f.xml, 'valueSet')!, 'restricted'), at).toBe('true');
      }
      // Child relationship names are unique per parent object.
      const byParent = new Map<string, string[]>();
      for (const other of objects.values()) {
        for (const f of other.fields.values()) {
          const to = val(f.xml, 'referenceTo');
          if (to) byParent.set(to, [...(byParent.get(to) ?? []), val(f.xml, 'relationshipName')!]);
        }
      }
      for (const [parent, names] of byParent) expect(new Set(names).size, parent).toBe(names.length);
    }
  });

  it('grants edit on every custom field the format allows, and nothing else', () => {
    const granted = new Map<string, { editable?: string; readable?: string }>();
    for (const fp of kids(permset, 'fieldPermissions')) {
      const field = val(fp, 'field')!;
      expect(granted.has(field), field).toBe(false);
      granted.set(field, { editable: val(fp, 'editable'), readable: val(fp, 'readable') });
    }
    const expected: string[] = [];
    for (const o of objects.values()) {
      for (const f of o.fields.values()) {
        const key = `${o.name}.${f.name}`;
        // Required and master-detail fields cannot carry field permissions; they are always editable with the object.
        if (f.required || f.type === 'MasterDetail') {
          expect(granted.has(key), key).toBe(false);
          continue;
        }
        expected.push(key);
        expect(granted.get(key), key).toEqual({ editable: 'true', readable: 'true' });
      }
    }
    expect([...granted.keys()].sort()).toEqual(expected.sort());
  });

  it('grants create, read, edit and delete on the five objects and read on the standard objects', () => {
    const perms = new Map(
      kids(permset, 'objectPermissions').map((op) => [
        val(op, 'object')!,
        ['allowCreate', 'allowRead', 'allowEdit', 'allowDelete', 'viewAllRecords', 'modifyAllRecords'].map((k) => val(op, k)),
      ]),
    );
    for (const o of objects.keys()) expect(perms.get(o), o).toEqual(['true', 'true', 'true', 'true', 'false', 'false']);
    for (const s of ['Account', 'Contact', 'Lead', 'Opportunity']) expect(perms.get(s), s).toEqual(['false', 'true', 'false', 'false', 'false', 'false']);
    expect(perms.size).toBe(objects.size + 4);
    expect(val(permset, 'label')).toBe('Partnerbook User');
  });

  it('maps every field of the client-editable entities onto a field that exists', () => {
    expect(Object.keys(mapping.entities).sort()).toEqual([...EDITABLE].sort());
    for (const entity of EDITABLE) {
      const m = mapping.entities[entity];
      const o = objects.get(m.object);
      expect(o, `${entity} → ${m.object}`).toBeDefined();
      const shape = shapeOf(entity);
      expect(Object.keys(m.fields).sort(), entity).toEqual(Object.keys(shape).sort());
      for (const [name, fm] of Object.entries(m.fields)) {
        const at = `${entity}.${name} → ${m.object}.${fm.field}`;
        expect(fm.nullable, `${at}: nullable`).toBe(fieldSchema(entity, name).safeParse(null).success);
        if (fm.type === 'system') {
          expect(SYSTEM_FIELDS.has(fm.field), at).toBe(true);
          continue;
        }
        const f = o!.fields.get(fm.field);
        expect(f, at).toBeDefined();
        if (fm.type === 'external_id') expect(fm.field, at).toBe(mapping.externalIdField);
        if (fm.type === 'reference') {
          expect(['Lookup', 'MasterDetail'], at).toContain(f!.type);
          expect(val(f!.xml, 'referenceTo'), at).toBe(fm.to);
          if (fm.by === 'Partnerbook_Id__c') expect(fm.relationship, at).toBe(fm.field.replace('__c', '__r'));
          else expect(fm.by, at).toBe('Id');
        }
        const xmlType = { text: ['Text', 'LongTextArea'], picklist: ['Picklist'], integer: ['Number'], number: ['Number'], date: ['Date'], datetime: ['DateTime'], money_minor: ['Currency'] }[
          fm.type as 'text'
        ];
        if (xmlType) expect(xmlType, at).toContain(f!.type);
        if (fm.type === 'integer') expect(val(f!.xml, 'scale'), at).toBe('0');
        if (fm.type === 'picklist') {
          const options = enumOptions(fieldSchema(entity, name));
          expect(options, at).toBeDefined();
          const values = picklistValues(f!);
          for (const v of options!) expect(values, `${at}: ${v}`).toContain(v);
        }
      }
      for (const [field, value] of Object.entries(m.set)) expect(o!.fields.has(field), `${entity} sets ${field}=${value}`).toBe(true);
      for (const field of Object.keys(m.extraFields)) expect(o!.fields.has(field), `${entity} extra ${field}`).toBe(true);
    }
  });

  it('leaves no custom field unused and no picklist value that Partnerbook would not read', () => {
    for (const o of objects.values()) {
      const entities = EDITABLE.filter((e) => mapping.entities[e].object === o.name).map((e) => ({ e, m: mapping.entities[e] }));
      for (const f of o.fields.values()) {
        const used = entities.some(({ m }) => Object.values(m.fields).some((fm) => fm.field === f.name) || f.name in m.extraFields || f.name in m.set);
        expect(used, `${o.name}.${f.name} is mapped`).toBe(true);
        if (f.type !== 'Picklist') continue;
        for (const v of picklistValues(f)) {
          const readable = entities.some(({ e, m }) => {
            if (m.set[f.name] === v) return true;
            const entry = Object.entries(m.fields).find(([, fm]) => fm.field === f.name);
            return entry !== undefined && fieldSchema(e, entry[0]).safeParse(v).success;
          });
          expect(readable, `${o.name}.${f.name} value ${v}`).toBe(true);
        }
      }
    }
  });

  it('tells the two kinds of Partnerbook_Note__c apart by Kind__c', () => {
    const qbr = mapping.entities.qbr_note;
    const note = mapping.entities.note;
    expect(note.set).toEqual({ Kind__c: 'note' });
    expect(note.where).toBe("Kind__c = 'note'");
    const kinds = enumOptions(fieldSchema('qbr_note', 'kind'))!;
    expect(qbr.where).toBe(`Kind__c IN (${kinds.map((k) => `'${k}'`).join(', ')})`);
    expect(kinds).not.toContain('note');
  });

  it("repeats mapping.json in the README's mapping table, row for row", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const rows = new Set(
      readme
        .split('\n')
        .filter((l) => l.startsWith('| `'))
        .map((l) => l.split('|').slice(1, 3).map((c) => c.trim()).join(' → ')),
    );
    let count = 0;
    for (const entity of EDITABLE) {
      const m = mapping.entities[entity];
      for (const [name, fm] of Object.entries(m.fields)) {
        const target = fm.type === 'system' ? `\`${fm.field}\`` : `\`${m.object}.${fm.field}\``;
        expect(rows.has(`\`${entity}.${name}\` → ${target}`), `${entity}.${name}`).toBe(true);
        count++;
      }
    }
    expect(count).toBeGreaterThan(50);
  });
});
