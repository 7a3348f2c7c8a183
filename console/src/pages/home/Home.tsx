import { useUser } from '../../auth';
import { Link } from '../../router';
import { PageHeader } from '../../ui';
import { products } from '../registry';
import { text, useTranslation } from '../../i18n';

export function Home() {
  const user = useUser();
  const { t } = useTranslation('home');
  const visible = products.filter((p) => !p.adminOnly || user?.isAdmin);
  const firstName = user?.fullName?.split(' ')[0];
  return (
    <>
      <PageHeader title={firstName ? t('helloName', { name: firstName }) : t('hello')} subtitle={t('subtitle')} />
      <div className="product-grid">
        {visible.map((p) => (
          <Link key={p.id} to={p.pages[0]!.path} className="card product-card">
            <h2>{text(p.label)}</h2>
            <p className="muted">{text(p.description)}</p>
            <span className="product-card-go">{t('open', { product: text(p.label) })}</span>
          </Link>
        ))}
      </div>
    </>
  );
}
