import { describeWeappPages } from './pages'

// The seeded owner: the staff console (packages/ops) shows its desks instead of a refusal.
describeWeappPages('the shop owner', 'operator')
