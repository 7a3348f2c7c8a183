import type { ProductContext } from '../../../core/product.js';
import { livePersonasQuery, personaView } from '../personas.js';
import type { Persona } from '../contract.js';

export async function listPersonas(core: ProductContext, userId: string): Promise<Persona[]> {
  return (await livePersonasQuery(core.db, userId)).map((p) => personaView(core, p));
}
