import type { RouteLocationNormalized } from 'vue-router';
import type { Role } from '../../shared/schemas/user.js';

/**
 * Tells whether a person with `role` may open the Admin screens. The relay's admin routes answer 403
 * to every other role (IR managers included), so the console offers the screens to admins only.
 */
export function mayAdminister(role: Role | null | undefined): boolean {
  return role === 'admin';
}

/**
 * The router's check before an Admin screen opens: a signed-in person who may not administer goes to
 * the board instead. While nobody is signed in yet the page itself refuses (`AdminOnly`).
 */
export function adminRouteGuard(to: RouteLocationNormalized, role: Role | null | undefined): true | { name: string } {
  if (!to.meta.admin || role === undefined || role === null) return true;
  return mayAdminister(role) ? true : { name: 'board' };
}
