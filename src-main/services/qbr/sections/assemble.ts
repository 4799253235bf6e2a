/**
 * The pack's sections, in deck order, from the registry's builders: only sections with data
 * (no empty slide); every section left out is listed with its reason, and the reasons are in
 * the summary's speaker notes.
 */
import { QBR_SECTION_KEYS, type QbrSection, type QbrSectionKey } from '../../../../src-shared/methods/qbr';
import type { SectionsInput } from './define';
import { SECTION_BUILDERS } from './registry';

/** Sections the onboarding deck leaves out, and why (for the CAM, in the summary's notes). */
const NOT_FOR_ONBOARDING: Partial<Record<QbrSectionKey, string>> = {
  trends: 'the partner has no trailing quarters in the program to chart yet',
  trailing: 'the partner has no year in the program to compare with yet',
  benchmarks: 'a new partner is not ranked against mature peers',
};

export interface AssembledSections {
  sections: QbrSection[];
  omitted: { key: QbrSectionKey; title: string; reason: string }[];
}

export function assembleSections(x: SectionsInput): AssembledSections {
  const all: QbrSection[] = QBR_SECTION_KEYS.map((key) => SECTION_BUILDERS[key](x));
  const omitted: AssembledSections['omitted'] = [];
  const sections = all.filter((s) => {
    const notHere = x.variant === 'onboarding' ? NOT_FOR_ONBOARDING[s.key] : undefined;
    if (s.key === 'onboarding' && x.variant !== 'onboarding') return false;
    if (notHere) omitted.push({ key: s.key, title: s.title, reason: `Onboarding review: ${notHere}.` });
    else if (s.status !== 'ok' || s.data === null) {
      const why = [s.message ?? (s.status === 'unavailable' ? 'Its source is not available.' : 'No data for this quarter.'), ...(s.status === 'unavailable' ? s.internal : [])];
      omitted.push({ key: s.key, title: s.title, reason: [...new Set(why)].join(' ') });
    } else return true;
    return false;
  });
  // The agenda names the slides this deck has, not the ones left out.
  const title = sections.find((s) => s.key === 'title');
  const agenda = sections.filter((s) => s.key !== 'title' && s.key !== 'agenda' && s.key !== 'summary').map((s) => (/^.[a-z]/.test(s.title) ? s.title[0]!.toLowerCase() + s.title.slice(1) : s.title));
  const agendaSection = sections.find((s) => s.key === 'agenda');
  if (agendaSection?.data && agendaSection.key === 'agenda') {
    agendaSection.data.agenda = sections.filter((s) => s.key !== 'title' && s.key !== 'agenda').map((s) => s.title);
  }
  if (title) title.talkingPoints = title.talkingPoints.map((t) => (t.startsWith('Agenda: ') ? `${t.replace(/, pipeline, .*$/, '')}: the summary, then ${agenda.join(', ')}.` : t));
  const summary = sections.find((s) => s.key === 'summary');
  if (summary) summary.internal.push(...omitted.map((o) => `Not in this deck: ${o.title} — ${o.reason}`));
  return { sections, omitted };
}
