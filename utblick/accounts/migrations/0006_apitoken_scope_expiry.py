"""API keys get a scope and an expiry date.

Keys that exist before this migration keep today's behaviour: they may read and
write (``scope="write"``, which includes reading) and have no expiry date
(``expires_on`` empty). Every key created afterwards gets an expiry date.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0005_account_event'),
    ]

    operations = [
        migrations.AddField(
            model_name='apitoken',
            name='scope',
            field=models.CharField(choices=[('read', 'läsa'), ('write', 'läsa och skriva')], default='write', max_length=10, verbose_name='behörighet'),
        ),
        migrations.AddField(
            model_name='apitoken',
            name='expires_on',
            field=models.DateField(blank=True, help_text='Tom för nycklar skapade innan nycklar fick ett slutdatum.', null=True, verbose_name='giltig till och med'),
        ),
    ]
