import { COLLECTIONS } from '../../../cloudfunctions/src/store/cloudbase/collections'

/** The collections a deployment creates, with their unique indexes (what the emulator enforces). */
export const DECLARED = COLLECTIONS.map((c) => ({ name: c.name, unique: c.indexes.filter((i) => i.unique).map((i) => i.fields) }))
