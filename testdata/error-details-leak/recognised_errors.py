import json
from http import HTTPStatus

from django.http import Http404
from fastapi import APIRouter, Depends, HTTPException
from flask import Blueprint, jsonify, make_response
from rest_framework.permissions import IsAdminUser, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

router = APIRouter()
bp = Blueprint("hooks", __name__)


@bp.route("/webhook", methods=["POST"])
def webhook(request):
    # Only parses the body the caller sent: the message names a line and a column.
    try:
        parsed = json.loads(request.body.decode("utf-8"))
    except Exception as e:
        return jsonify({"error": f"Failed to parse JSON: {e}"})
    try:
        handle_event(parsed)
    except Exception as e:
        # The error is recognised by its type before its text is sent.
        if isinstance(e, Http404):
            return jsonify({"error": str(e)})
        return jsonify({"error": "internal error"})
    return jsonify({"ok": True})


@bp.route("/webhook2", methods=["POST"])
def webhook_with_store(request):
    try:
        parsed = json.loads(request.body)
        save_event(parsed)
    except Exception as e:
        return jsonify({"error": f"Failed: {e}"})  # expect: error-details-leak
    try:
        handle_event(parsed)
    except Exception as e:
        if isinstance(e, Exception):
            return jsonify({"error": str(e)})  # expect: error-details-leak
        return jsonify({"error": "internal error"})
    return jsonify({"ok": True})


@bp.route("/models")
def list_models():
    try:
        return jsonify({"models": fetch_models()})
    except Exception as e:
        return jsonify({"models": [], "error": str(e)}), 400


@bp.route("/steps", methods=["POST"])
def run_step():
    try:
        return jsonify(run_browser_step())
    except Exception as e:
        return make_response(str(e), 401)


@bp.route("/snapshot")
def snapshot():
    try:
        return jsonify(read_snapshot())
    except Exception as e:
        return jsonify({"error": f"Could not read snapshots: {e}"}), 500  # expect: error-details-leak


@bp.route("/preview")
def preview():
    try:
        return jsonify(fetch_preview())
    except Exception as e:
        return make_response(str(e), 502)  # expect: error-details-leak


class EmailTesterView(APIView):
    permission_classes = (IsAdminUser,)

    def post(self, request):
        try:
            send_test_email(request.data["to"])
            return Response({"succeeded": True})
        except Exception as e:
            return Response({"succeeded": False, "error": str(e)})


class ProfileView(APIView):
    permission_classes = (IsAuthenticated,)

    def post(self, request):
        try:
            save_profile(request.data)
            return Response({"succeeded": True})
        except Exception as e:
            return Response({"succeeded": False, "error": str(e)})  # expect: error-details-leak


class DebugController(BaseAdminController):
    @router.post("/debug/provider")
    async def check_provider(self):
        try:
            return await call_provider()
        except Exception as e:
            return DebugResponse(success=False, response=f"Request failed: {e}")


class ItemsController(BaseUserController):
    @router.post("/items")
    async def create_item(self):
        try:
            return await save_item()
        except Exception as e:
            return DebugResponse(success=False, response=f"Request failed: {e}")  # expect: error-details-leak


@router.post("/product-gating")
def gate_product(_: None = Depends(control_plane_dep)):
    try:
        store_product_gating()
        return GatingResponse(updated=True, error=None)
    except Exception as e:
        return GatingResponse(updated=False, error=str(e))


@router.post("/team/settings")
def save_team_settings(user: User = Depends(current_user)):
    if not user.is_superuser:
        raise HTTPException(status_code=HTTPStatus.FORBIDDEN, detail="Forbidden")
    try:
        return store_settings()
    except Exception as e:
        raise HTTPException(status_code=HTTPStatus.INTERNAL_SERVER_ERROR, detail=str(e))


@router.post("/team/members")
def add_team_member(user: User = Depends(current_user)):
    if not user.is_active:
        raise HTTPException(status_code=HTTPStatus.FORBIDDEN, detail="Forbidden")
    try:
        return store_member()
    except Exception as e:
        raise HTTPException(status_code=HTTPStatus.INTERNAL_SERVER_ERROR, detail=str(e))  # expect: error-details-leak
