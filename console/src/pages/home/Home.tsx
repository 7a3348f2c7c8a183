import { useUser } from '../../auth';
import { Link } from '../../router';
import { PageHeader } from '../../ui';
import { products } from '../registry';

export function Home() {
  const user = useUser();
  const visible = products.filter((p) => !p.adminOnly || user?.isAdmin);
  return (
    <>
      <PageHeader
        title={`Hello${user?.fullName ? `, ${user.fullName.split(' ')[0]}` : ''}`}
        subtitle="Talkbase is one backend for AI conversation products. Pick one to try it."
      />
      <div className="product-grid">
        {visible.map((p) => (
          <Link key={p.id} to={p.pages[0]!.path} className="card product-card">
            <h2>{p.label}</h2>
            <p className="muted">{p.description}</p>
            <span className="product-card-go">Open {p.label} →</span>
          </Link>
        ))}
      </div>
    </>
  );
}
