import { m0001 } from './0001_partner_book';
import { m0002 } from './0002_plans_and_notes';
import { m0003 } from './0003_sync_bookkeeping';
import { m0004 } from './0004_refetch_marks';
import { m0005 } from './0005_health_snapshot';
import { m0006 } from './0006_jbp_history';
import { m0007 } from './0007_action_snapshot';
import { m0008 } from './0008_qbr_note_author';
import { m0009 } from './0009_source_keys';
import { m0010 } from './0010_action_snapshot_run';
import { m0011 } from './0011_health_derived';
import type { Migration } from './types';

/** Every migration, in order. Add a new file and list it here; never edit a shipped one. */
export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010, m0011];
export type { Migration };
