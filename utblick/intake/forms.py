"""Forms of policy intake: the upload, and one form per kind of proposal to edit or add."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import ValidationError

from utblick.core import forms as core_forms
from utblick.core.forms import Form
from utblick.core.pydantic_errors import swedish_message
from utblick.intake.display import METADATA_LABELS
from utblick.intake.starters import Starter
from utblick.organisation.models import UnitKind
from utblick.policies.models import Builtin, CadenceKind, Duty, PolicyKind, RevisionRule, Severity
from utblick.policies.rule_catalogue import PARAM_LABELS, RULE_TYPES, VALUE_LABELS, RuleType

TEXTAREA = forms.Textarea(attrs={"rows": 4})


class UploadForm(core_forms.UploadForm):
    file_label = gettext_lazy("Det antagna dokumentet")
    file_help = gettext_lazy(
        "Word (.docx), PDF med text, eller vanlig text (.txt). Högst %(mb)s MB."
    )
    limit = "max_document_bytes"


class StarterForm(Form):
    """Which shipped policy a new draft starts from."""

    template = forms.ChoiceField(label=gettext_lazy("Mall"), widget=forms.RadioSelect)

    def __init__(self, *args: Any, starters: list[Starter], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = [
            (
                s.slug,
                _(
                    "%(title)s – %(municipality)s (%(kind)s, %(areas)s inriktningar, %(principles)s principer)"
                )
                % {
                    "title": s.title,
                    "municipality": s.municipality,
                    "kind": s.kind.lower(),
                    "areas": s.focus_areas,
                    "principles": s.principles,
                },
            )
            for s in starters
        ]
        self.fields["template"].error_messages["required"] = _("Välj en mall att utgå från.")


class ProposalForm(Form):
    """An element's value; ``row_version`` is the version of the proposal the reviewer saw."""

    row_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, bodies: list[tuple[str, str]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.bodies = bodies or []

    @classmethod
    def initial_from(cls, value: dict[str, Any]) -> dict[str, Any]:
        return dict(value)

    def to_value(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("row_version", None)
        return data


def _ref(choice: str) -> dict[str, str]:
    kind, name = choice.split("|", 1)
    return {"name": name, "kind": kind}


def _choice(ref: dict[str, str] | None) -> str:
    return f"{ref['kind']}|{ref['name']}" if ref else ""


class FocusAreaForm(ProposalForm):
    name = forms.CharField(label=gettext_lazy("Namn"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("Beskrivning"), widget=TEXTAREA, required=False
    )


class GoalForm(ProposalForm):
    text = forms.CharField(label=gettext_lazy("Mål"), widget=TEXTAREA)


def _param_field(rule: RuleType, name: str, info: Any) -> forms.Field:
    """A form field for one rule parameter, typed as the catalogue types it."""
    label = str(PARAM_LABELS.get(name, name))
    label = label[:1].upper() + label[1:]
    allowed = dict(rule.list_params).get(name)
    if allowed is not None:
        return forms.MultipleChoiceField(
            label=label,
            choices=[(v, str(VALUE_LABELS.get(v, v))) for v in allowed],
            widget=forms.CheckboxSelectMultiple,
            required=False,
            help_text=gettext_lazy("Inget ikryssat: regelns standardval."),
        )
    if info.annotation is int:
        bounds = {"min_value": None, "max_value": None}
        for item in info.metadata:
            if hasattr(item, "ge"):
                bounds["min_value"] = item.ge
            if hasattr(item, "le"):
                bounds["max_value"] = item.le
        return forms.IntegerField(label=label, required=False, **bounds)
    return forms.CharField(
        label=label, required=False, help_text=gettext_lazy("Månad och dag, t.ex. 12-31.")
    )


def param_name(rule_id: str, name: str) -> str:
    return f"{rule_id}__{name}"


class PrincipleForm(ProposalForm):
    """A principle and the rule it switches on, with a field for each of the rule's parameters.

    The parameter fields shown are those of the rule chosen when the form was
    drawn (``params_for``); choosing another rule draws its parameters, with
    their defaults, for the coordinator to check before the principle is saved.
    """

    text = forms.CharField(label=gettext_lazy("Princip"), widget=TEXTAREA)
    rule = forms.ChoiceField(
        label=gettext_lazy("Regel"),
        required=False,
        help_text=gettext_lazy(
            "Den kontroll principen slår på. Regelns inställningar visas när du har valt den."
        ),
    )
    severity = forms.ChoiceField(
        label=gettext_lazy("Allvarlighetsgrad"), choices=Severity.choices, initial=Severity.WARNING
    )
    params_for = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = [("", _("Ingen regel"))] + [
            (rule.id, str(rule.title)) for rule in RULE_TYPES.values()
        ]
        self.rule_changed = False
        chosen = (self.data.get("rule") if self.is_bound else self.initial.get("rule")) or ""
        rule = RULE_TYPES.get(chosen)
        if rule is None:
            return
        shown = self.data.get("params_for") if self.is_bound else chosen
        if (
            self.is_bound
            and "params_for" in self.data
            and shown != chosen
            and rule.params.model_fields
        ):
            # Another rule than the one whose settings were shown: show this one's, with defaults.
            self.rule_changed = True
            self.data = self.data.copy()
            self.data["params_for"] = chosen
            defaults = rule.params().model_dump()
            for name, value in defaults.items():
                key = param_name(rule.id, name)
                if isinstance(value, list):
                    self.data.setlist(key, value)
                else:
                    self.data[key] = value
        for name, info in rule.params.model_fields.items():
            self.fields[param_name(rule.id, name)] = _param_field(rule, name, info)

    @classmethod
    def initial_from(cls, value: dict[str, Any]) -> dict[str, Any]:
        rule = value.get("rule") or {}
        initial = {
            "text": value.get("text", ""),
            "rule": rule.get("id", ""),
            "severity": rule.get("severity", Severity.WARNING),
            "params_for": rule.get("id", ""),
        }
        kind = RULE_TYPES.get(rule.get("id", ""))
        if kind is not None:
            params = {**kind.params().model_dump(), **(rule.get("params") or {})}
            for name, param in params.items():
                initial[param_name(kind.id, name)] = param
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        rule_id = data.get("rule")
        if not rule_id:
            data["parsed"] = {}
            return data
        rule = RULE_TYPES[rule_id]
        if self.rule_changed:
            raise forms.ValidationError(
                _("Regeln har inställningar. Kontrollera dem nedan och spara igen.")
            )
        params: dict[str, Any] = {}
        # Without the settings on the page (a client posting only the rule), defaults apply.
        drawn = "params_for" in self.data
        for name in rule.params.model_fields:
            if not drawn and param_name(rule_id, name) not in self.data:
                continue
            value = data.get(param_name(rule_id, name))
            # Nothing ticked leaves the rule's defaults (a rule that checks nothing is removed instead).
            if value not in (None, "") and (not isinstance(value, list | tuple) or value):
                params[name] = list(value) if isinstance(value, list | tuple) else value
        try:
            rule.params.model_validate(params)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                name = str(error["loc"][0]) if error["loc"] else ""
                field = param_name(rule_id, name)
                self.add_error(field if field in self.fields else None, swedish_message(error))
            return data
        data["parsed"] = params
        return data

    def to_value(self) -> dict[str, Any]:
        data = self.cleaned_data
        rule = None
        if data.get("rule"):
            rule = {"id": data["rule"], "severity": data["severity"], "params": data["parsed"]}
        return {"text": data["text"], "rule": rule}


class ResponsibilityForm(ProposalForm):
    duty = forms.ChoiceField(label=gettext_lazy("Ansvar"), choices=Duty.choices)
    body = forms.ChoiceField(label=gettext_lazy("Organ"), required=False)
    bodies = forms.MultipleChoiceField(
        label=gettext_lazy("Eller: alla enheter av typen"),
        choices=UnitKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    text = forms.CharField(label=gettext_lazy("Enligt dokumentet"), widget=TEXTAREA, required=False)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [("", "–"), *self.bodies]

    @classmethod
    def initial_from(cls, value: dict[str, Any]) -> dict[str, Any]:
        return {
            "duty": value.get("duty", ""),
            "body": _choice(value.get("body")),
            "bodies": value.get("bodies", []),
            "text": value.get("text", ""),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("body")) == bool(data.get("bodies")):
            raise forms.ValidationError(
                _("Välj antingen ett organ eller typer av enheter, inte båda och inte inget.")
            )
        return data

    def to_value(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "duty": data["duty"],
            "body": _ref(data["body"]) if data.get("body") else None,
            "bodies": list(data.get("bodies") or []),
            "text": data.get("text", ""),
        }


class CadenceForm(ProposalForm):
    kind = forms.ChoiceField(
        label=gettext_lazy("Uppföljningsrytm"),
        choices=[
            (CadenceKind.TERTIAL, CadenceKind.TERTIAL.label),
            (CadenceKind.YEARLY, CadenceKind.YEARLY.label),
        ],
    )
    report_to = forms.MultipleChoiceField(
        label=gettext_lazy("Rapporteras till"), widget=forms.CheckboxSelectMultiple, required=False
    )
    text = forms.CharField(label=gettext_lazy("Enligt dokumentet"), widget=TEXTAREA, required=False)

    def __init__(self, *args: Any, periods: list[dict[str, Any]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.periods = periods or []
        if self.periods:
            self.fields["kind"].choices = [
                *self.fields["kind"].choices,
                (CadenceKind.CUSTOM, CadenceKind.CUSTOM.label),
            ]
        self.fields["report_to"].choices = self.bodies

    @classmethod
    def initial_from(cls, value: dict[str, Any]) -> dict[str, Any]:
        return {
            "kind": value.get("kind", ""),
            "report_to": [_choice(r) for r in value.get("report_to", [])],
            "text": value.get("text", ""),
        }

    def to_value(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "report_to": [_ref(c) for c in data.get("report_to", [])],
            "text": data.get("text", ""),
            "periods": self.periods if data["kind"] == CadenceKind.CUSTOM else [],
        }


class TaxonomyForm(ProposalForm):
    name = forms.CharField(label=gettext_lazy("Namn"), max_length=200)
    builtin = forms.ChoiceField(
        label=gettext_lazy("Inbyggd klassificering"),
        choices=[("", gettext_lazy("Ingen – egna termer")), *Builtin.choices],
        required=False,
    )
    terms = forms.CharField(
        label=gettext_lazy("Termer"),
        required=False,
        help_text=gettext_lazy("Åtskilda med kommatecken, t.ex. Trygghet, Närhet, Nytänkande."),
    )

    @classmethod
    def initial_from(cls, value: dict[str, Any]) -> dict[str, Any]:
        return {
            "name": value.get("name", ""),
            "builtin": value.get("builtin") or "",
            "terms": ", ".join(value.get("terms", [])),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        terms = [t.strip() for t in (data.get("terms") or "").split(",") if t.strip()]
        if bool(data.get("builtin")) == bool(terms):
            raise forms.ValidationError(
                _("Välj en inbyggd klassificering eller skriv egna termer.")
            )
        data["term_list"] = terms
        return data

    def to_value(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "builtin": data.get("builtin") or None,
            "terms": data["term_list"],
            "description": "",
        }


class MetadataForm(ProposalForm):
    """One fact about the document; the field fits the fact."""

    def __init__(self, *args: Any, attribute: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.attribute = attribute
        label = METADATA_LABELS[attribute]
        field: forms.Field
        if attribute == "kind":
            field = forms.ChoiceField(label=label, choices=PolicyKind.choices)
        elif attribute == "revision":
            field = forms.ChoiceField(label=label, choices=RevisionRule.choices)
        elif attribute == "adopted_by":
            field = forms.ChoiceField(label=label, choices=self.bodies)
        elif attribute == "decided_on":
            field = forms.DateField(
                label=label, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            )
        elif attribute in ("purpose", "vision"):
            field = forms.CharField(label=label, widget=TEXTAREA)
        else:
            field = forms.CharField(label=label, max_length=300 if attribute == "title" else 60)
        self.fields["value"] = field

    @classmethod
    def initial_from(cls, value: dict[str, Any]) -> dict[str, Any]:
        data = value.get("value")
        return {"value": _choice(data) if isinstance(data, dict) else data}

    def to_value(self) -> dict[str, Any]:
        data = self.cleaned_data["value"]
        if self.attribute == "adopted_by":
            return {"value": _ref(data)}
        if self.attribute == "decided_on":
            return {"value": data.isoformat()}
        return {"value": data}


FORMS: dict[str, type[ProposalForm]] = {
    "metadata": MetadataForm,
    "focus_area": FocusAreaForm,
    "goal": GoalForm,
    "principle": PrincipleForm,
    "responsibility": ResponsibilityForm,
    "cadence": CadenceForm,
    "taxonomy": TaxonomyForm,
}


def proposal_form(
    element: str,
    attribute: str,
    *,
    data: Any = None,
    value: dict[str, Any] | None = None,
    bodies: list[tuple[str, str]],
    row_version: int | None = None,
) -> ProposalForm:
    """The form for one element, filled with ``value`` when editing."""
    form_class = FORMS[element]
    initial = form_class.initial_from(value or {}) if value else {}
    if row_version is not None:
        initial["row_version"] = row_version
    kwargs: dict[str, Any] = {"bodies": bodies, "initial": initial}
    if element == "metadata":
        kwargs["attribute"] = attribute
    if element == "cadence":
        kwargs["periods"] = (value or {}).get("periods", [])
    return form_class(data, **kwargs)
